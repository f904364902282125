"""A new alert notifies the care team (coaches only when it is not clinical) and, when it is addressed
to them, the person; a repeat of an open alert notifies nobody again."""

from onward.alerts.routing import recipients_for
from onward.alerts.services import raise_alert
from onward.notifications.models import Notification

TEAM = {"counselor", "nurse", "prescriber"}


def alert(person, **changes):
    values = {"kind": "checkins.missed", "severity": "medium", "reasons": ["no check-in"], "source_rule": "t"}
    return raise_alert(person=person, **(values | changes))


def notified(personas):
    by_pk = {user.pk: who for who, user in personas.users.items()}
    return sorted(by_pk[pk] for pk in Notification.objects.values_list("recipient_id", flat=True))


def test_a_clinical_alert_reaches_the_clinical_team_only(personas):
    opened = alert(personas.person)
    assert set(notified(personas)) == TEAM
    notification = Notification.objects.filter(recipient=personas.counselor).get()
    assert notification.link == f"/people/{personas.person.public_id}/"
    assert notification.person_public_id == personas.person.public_id
    assert notification.kind == "alert"
    assert {r.user for r in recipients_for(opened)} == {personas.users[w] for w in TEAM}


def test_a_non_clinical_alert_reaches_the_coach_too(personas):
    alert(personas.person, kind="contact.isolation", clinical=False)
    assert set(notified(personas)) == TEAM | {"coach"}


def test_the_person_is_told_only_when_the_alert_is_addressed_to_them(personas):
    alert(personas.person, kind="a")
    alert(personas.person, kind="b", addressed_to_person=True)
    assert notified(personas).count("person") == 1


def test_a_repeat_of_an_open_alert_notifies_nobody_again(personas):
    alert(personas.person)
    alert(personas.person, severity="high")
    assert len(notified(personas)) == len(TEAM)


def test_another_programs_team_and_staff_who_left_are_not_told(personas):
    from datetime import date  # noqa: PLC0415

    from onward.accounts.models import CareTeamMembership  # noqa: PLC0415

    CareTeamMembership.objects.filter(user=personas.nurse).update(ends_on=date(2021, 1, 1))
    alert(personas.person)
    assert set(notified(personas)) == TEAM - {"nurse"}


def test_a_high_severity_alert_is_urgent(personas):
    alert(personas.person, severity="high")
    alert(personas.person, kind="other", severity="medium")
    assert sorted(Notification.objects.values_list("urgent", flat=True).distinct()) == [False, True]


def _consent(personas, scopes):
    from datetime import date  # noqa: PLC0415

    from onward.consent.services import give_consent  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415

    return give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=scopes,
        purpose="so my sister knows when to call",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )


def test_a_supporter_is_told_only_under_a_consent_in_force_that_covers_alerts(personas):
    _consent(personas, ["progress"])
    alert(personas.person, kind="checkins.missed", dedupe_key="a")
    assert "supporter" not in notified(personas)
    covering = _consent(personas, ["alerts"])
    alert(personas.person, kind="checkins.missed", dedupe_key="b")
    assert notified(personas).count("supporter") == 1
    told = Notification.objects.get(recipient=personas.supporter)
    assert told.link == f"/supporting/{personas.person.public_id}/"
    from onward.consent.services import revoke_consent  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415

    revoke_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF), consent=covering, text="stop"
    )
    alert(personas.person, kind="checkins.missed", dedupe_key="c")
    assert notified(personas).count("supporter") == 1
