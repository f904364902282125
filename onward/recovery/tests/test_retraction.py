"""A return to use reported by mistake is taken back with a reason: kept on record, left out of the
stretches, and a day's check-in changed to "no use" takes back the one its first answer recorded."""

from datetime import UTC, date, datetime

import pytest

from onward.audit.models import AuditEvent
from onward.checkins import services as checkins
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.people.access import access_person
from onward.recovery import selectors, services
from onward.recovery.models import ReturnToUse, Source

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # 2 March 2026, noon in Chicago
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some"}


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def own(personas, action="write"):
    return access_person(personas.person.account, personas.person.public_id, kind="checkins", action=action)


def test_a_retracted_return_is_kept_and_no_longer_splits_the_stretch(personas):
    reported = services.report_return_to_use(access=own(personas), on=date(2026, 2, 20))
    services.retract_return_to_use(access=own(personas), reported=reported, reason="  wrong   day ")
    kept = ReturnToUse.objects.get(pk=reported.pk)
    assert (kept.retraction_reason, kept.retracted_by) == ("wrong day", personas.person.account)
    found = selectors.get_history(own(personas, "read"))
    assert found.history.current.started_on == date(2025, 1, 15)
    assert found.earlier == ()
    assert AuditEvent.objects.filter(action="recovery.return_to_use_retracted", person=personas.person).exists()
    again = services.report_return_to_use(access=own(personas), on=date(2026, 2, 20))  # the day may be reported again
    assert again.pk != reported.pk


def test_a_reason_is_needed_and_a_report_is_taken_back_once(personas):
    reported = services.report_return_to_use(access=own(personas), on=date(2026, 2, 20))
    with pytest.raises(InvalidInput) as refused:
        services.retract_return_to_use(access=own(personas), reported=reported, reason="   ")
    assert refused.value.fields == {"reason": "Say why this report was a mistake."}
    services.retract_return_to_use(access=own(personas), reported=reported, reason="wrong day")
    with pytest.raises(Conflict):
        services.retract_return_to_use(access=own(personas), reported=reported, reason="again")


def test_only_the_person_takes_a_report_back(personas):
    reported = services.report_return_to_use(access=own(personas), on=date(2026, 2, 20))
    with pytest.raises(Forbidden):
        access_person(personas.counselor, personas.person.public_id, kind="checkins", action="write")
    assert ReturnToUse.objects.get(pk=reported.pk).retracted_at is None


def test_a_check_in_changed_to_no_use_takes_back_its_return_to_use(personas):
    checkins.record_checkin(access=own(personas), answers=ANSWERS | {"used": True, "substances": ["heroin"]})
    assert selectors.get_history(own(personas, "read")).history.current.started_on == date(2026, 3, 3)
    checkins.record_checkin(access=own(personas), answers=ANSWERS | {"used": False})
    taken_back = ReturnToUse.objects.get(person=personas.person, used_on=date(2026, 3, 2))
    assert taken_back.source == Source.CHECKIN
    assert taken_back.retraction_reason == "The check-in for that day was changed to no use."
    assert selectors.get_history(own(personas, "read")).history.current.started_on == date(2025, 1, 15)
    checkins.record_checkin(access=own(personas), answers=ANSWERS | {"used": True, "substances": ["heroin"]})
    assert ReturnToUse.objects.filter(person=personas.person, retracted_at__isnull=True).count() == 1


def test_a_return_reported_on_its_own_page_stays_when_the_check_in_says_no(personas):
    services.report_return_to_use(access=own(personas), on=date(2026, 3, 2))
    checkins.record_checkin(access=own(personas), answers=ANSWERS | {"used": True, "substances": ["heroin"]})
    checkins.record_checkin(access=own(personas), answers=ANSWERS | {"used": False})
    assert ReturnToUse.objects.get(person=personas.person).retracted_at is None


def test_the_page_takes_a_report_back_and_names_a_missing_reason(personas, client_as):
    reported = services.report_return_to_use(access=own(personas), on=date(2026, 2, 20))
    client = client_as("person")
    url = f"/people/{personas.person.public_id}/return-to-use/{reported.public_id}/"
    assert b"Reported by mistake?" in client.get(url).content
    refused = client.post(f"{url}retract/", {"reason": ""})
    assert refused.status_code == 422
    assert b"Say why this report was a mistake." in refused.content
    assert client.post(f"{url}retract/", {"reason": "wrong day"}).status_code == 302
    assert b"Taken back" in client.get(url).content
    assert client_as("counselor").post(f"{url}retract/", {"reason": "x"}).status_code == 403
