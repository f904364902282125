"""Staff notifications say what happened and to whom, in the app only, one line per person per kind,
and name a person only while the reader may read them (issue 15 item 6); everyone else's stay neutral."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from onward.accounts.models import CareTeamMembership
from onward.alerts.models import Alert
from onward.alerts.services import ALERT_TITLE, raise_alert
from onward.audit.models import AuditEvent
from onward.core.errors import InvalidInput
from onward.core.neutral import forbidden_words_in
from onward.notifications.building import TeamWords
from onward.notifications.delivery import deliver
from onward.notifications.models import Delivery, Notification
from onward.notifications.services import notify

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def named(personas):
    personas.person.legal_name = "Alexandra Reyes"
    personas.person.save(update_fields=["legal_name"])
    return personas


def missed(person, key):
    return raise_alert(
        person=person,
        kind="checkins.missed",
        severity="medium",
        reasons=[f"No check-in on the 3 days to {key}."],
        source_rule="test",
        dedupe_key=key,
        clinical=False,
    )


def craving(person):
    return raise_alert(
        person=person,
        kind="checkins.craving_high",
        severity="medium",
        reasons=["Craving of 8 on two of the last three check-ins."],
        source_rule="test",
        clinical=False,
    )


def list_page(client_as, who="counselor"):
    return client_as(who).get("/notifications/").content.decode()


def test_a_staff_line_names_the_person_and_what_happened(named, client_as):
    missed(named.person, "2026-03-01")
    page = list_page(client_as)
    assert "<strong>Alexandra Reyes (Alex)</strong> missed check-ins" in page
    assert "No check-in on the 3 days to 2026-03-01." in page
    assert ALERT_TITLE not in page


def test_the_staff_words_never_leave_the_app(named, client_as):
    missed(named.person, "2026-03-01")
    to_counselor = Notification.objects.get(recipient=named.counselor)
    assert to_counselor.team_title == "missed check-ins"
    deliver(Delivery.objects.get(notification=to_counselor, channel="email").pk)
    assert len(mail.outbox) == 1
    for message in mail.outbox:
        assert "missed" not in message.subject + message.body
        assert "Alex" not in message.subject + message.body


def test_a_person_or_supporter_never_gets_the_staff_words(named):
    words = TeamWords(topic="checkins.missed", title="missed check-ins")
    for who in (named.person.account, named.supporter):
        with pytest.raises(InvalidInput):
            notify(recipient=who, kind="alert", link="/", team=words)
    shown = notify(recipient=named.counselor, kind="alert", link="/", team=words)
    assert shown.team_title == "missed check-ins"


def test_the_person_and_supporters_keep_the_neutral_words(named, client_as):
    missed(named.person, "2026-03-01")
    for n in Notification.objects.exclude(recipient__role__in=["coach", "counselor", "nurse", "prescriber"]):
        assert (n.topic, n.team_title, n.team_detail) == ("", "", "")
        assert forbidden_words_in(n.title + n.body) == []


def test_one_line_per_person_per_kind_with_a_count(named, client_as, time_machine):
    for day in range(3):
        time_machine.move_to(NOW + timedelta(days=day), tick=False)
        missed(named.person, f"2026-03-0{day + 1}")
    craving(named.person)
    page = list_page(client_as)
    assert page.count("missed check-ins</a>") == 1
    assert "3 times, the latest" in page
    assert "No check-in on the 3 days to 2026-03-03." in page  # the newest one's reason
    assert page.count("reported strong cravings</a>") == 1
    assert "(4 on 2 lines)" in page


def test_opening_or_marking_a_line_reads_every_notification_in_it(named, client_as, time_machine):
    for day in range(3):
        time_machine.move_to(NOW + timedelta(days=day), tick=False)
        missed(named.person, f"2026-03-0{day + 1}")
    craving(named.person)
    client = client_as("counselor")
    newest = Notification.objects.filter(recipient=named.counselor, topic="checkins.missed").latest("created_at")
    client.post(f"/notifications/{newest.public_id}/read/", {"line": "1"})
    unread = Notification.objects.filter(recipient=named.counselor, read_at__isnull=True)
    assert list(unread.values_list("topic", flat=True)) == ["checkins.craving_high"]
    opened = client.get(f"/notifications/{unread.get().public_id}/open/?line=1")
    assert opened["Location"] == f"/people/{named.person.public_id}/"
    assert not unread.exists()


def test_mark_all_read_moves_every_line_to_read_earlier(named, client_as):
    missed(named.person, "2026-03-01")
    craving(named.person)
    client = client_as("counselor")
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=named.counselor, read_at__isnull=True).exists()
    page = client.get("/notifications/").content.decode()
    unread_part, earlier = page.split("Read earlier")
    assert "Nothing new." in unread_part
    assert "missed check-ins" in earlier
    assert "Mark all read" not in page


def test_a_person_the_reader_may_no_longer_read_is_not_named(named, client_as, time_machine):
    missed(named.person, "2026-03-01")
    CareTeamMembership.objects.filter(user=named.counselor).update(ends_on=date(2026, 3, 2))
    time_machine.move_to(NOW + timedelta(days=1), tick=False)
    page = list_page(client_as)
    assert "Alexandra" not in page
    assert "No check-in" not in page
    assert ALERT_TITLE in page


def test_a_named_line_is_an_audited_read_of_the_persons_alerts(named, client_as):
    missed(named.person, "2026-03-01")
    before = AuditEvent.objects.filter(action="alerts.listed", actor=named.counselor).count()
    list_page(client_as)
    listed = AuditEvent.objects.filter(action="alerts.listed", actor=named.counselor, person=named.person)
    assert listed.count() == before + 1


def test_the_persons_own_list_is_unchanged_and_neutral(named, client_as):
    raise_alert(
        person=named.person,
        kind="checkins.missed",
        severity="medium",
        reasons=["No check-in on the 3 days to 2026-03-01."],
        source_rule="test",
        clinical=False,
        addressed_to_person=True,
    )
    assert Alert.objects.count() == 1
    page = list_page(client_as, "person")
    assert ALERT_TITLE in page
    assert "missed check-ins" not in page


def test_every_alert_kind_has_words_for_the_team():
    from onward.alerts.kinds import KINDS, SAID_TO_TEAM  # noqa: PLC0415

    assert set(SAID_TO_TEAM) == set(KINDS)


def test_the_staff_list_runs_as_many_statements_for_many_lines_as_for_few(named, client_as):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from conftest import make_person  # noqa: PLC0415

    client = client_as("counselor")

    def statements():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/notifications/").status_code == 200
        return len(captured)

    def more(count):
        for _ in range(count):
            person = make_person(enrolled_by=named.counselor, program=named.program)
            missed(person, "2026-03-01")
            craving(person)

    more(2)
    few = statements()
    more(8)
    many = statements()
    assert few == many


def test_a_reason_with_a_moment_reads_on_the_readers_clock(named, client_as):
    """A rule's reason may carry an ISO moment (a COWS score "at 2026-03-02T14:00Z"): the line says it in
    words on the reader's clock, never the raw timestamp."""
    raise_alert(
        person=named.person,
        kind="cows.high",
        severity="high",
        reasons=["COWS 28 of 48 at 2026-03-02T14:00Z: moderately severe."],
        source_rule="test",
    )
    page = list_page(client_as)
    assert "2026-03-02T14:00Z" not in page
    assert "COWS 28 of 48 at" in page
