from datetime import timedelta

import pytest
import time_machine

from onward.audit.models import AuditEvent
from onward.core import clock
from onward.core.errors import Forbidden, InvalidInput, NotFound, Throttled
from onward.intake import selectors, services
from onward.intake.models import IntakeRequest, Stage, Submission
from onward.intake.program_settings import update_program_settings
from onward.intake.tasks import warn_admission_clocks
from onward.intake.tests.conftest import GOOD
from onward.notifications.models import Notification


def test_a_public_request_lands_in_the_programs_queue_and_tells_its_intake_staff(personas, intake_request):
    assert intake_request.stage == Stage.RECEIVED
    told = Notification.objects.filter(topic="intake")
    assert {n.recipient for n in told} == {personas.counselor, personas.program_admin}
    assert all("Sam" not in n.team_title + n.title + n.body for n in told)
    event = AuditEvent.objects.get(action="intake.requested")
    assert event.person_id is None
    assert event.object_id == str(intake_request.public_id)


def test_the_public_form_refuses_bad_input_by_field(personas):
    with pytest.raises(InvalidInput) as caught:
        services.submit_request(
            program=personas.program,
            values={"name": "", "email": "nope", "wants": ["spa"], "message": "x" * 1001},
            client="198.51.100.2",
        )
    assert set(caught.value.fields) >= {"name", "email", "wants", "message", "may_call"}


def test_the_public_form_is_limited_per_client(personas):
    for _ in range(services.PUBLIC_LIMIT):
        services.submit_request(program=personas.program, values=GOOD, client="203.0.113.5")
    with pytest.raises(Throttled):
        services.submit_request(program=personas.program, values=GOOD, client="203.0.113.5")
    services.submit_request(program=personas.program, values=GOOD, client="203.0.113.6")
    assert "203.0.113" not in "".join(Submission.objects.values_list("client", flat=True))


def test_contact_only_as_the_request_allows(personas, intake_request):
    with pytest.raises(InvalidInput) as caught:
        services.record_contact_attempt(
            actor=personas.counselor, request=intake_request, method="email", outcome="sent"
        )
    assert "did not allow" in caught.value.fields["method"]
    with pytest.raises(InvalidInput) as caught:
        services.record_contact_attempt(
            actor=personas.counselor, request=intake_request, method="call", outcome="left_message"
        )
    assert "no message" in caught.value.fields["outcome"]
    services.record_contact_attempt(actor=personas.counselor, request=intake_request, method="call", outcome="reached")
    intake_request.refresh_from_db()
    assert intake_request.stage == Stage.CONTACTING


def test_the_queue_steps_through_to_an_evaluation_and_admission(personas, intake_request):
    counselor = personas.counselor
    r = services.move(actor=counselor, request=intake_request, stage="prescreened", note="ok", injecting=True)
    r = services.move(actor=counselor, request=r, stage="waitlisted", interim=["naloxone", "help_lines"])
    assert r.interim_offered_at is not None
    row = selectors.request_detail(counselor, r.public_id).row
    assert row.position == 1
    assert {c.key for c in row.clocks} == {"interim_48h", "admit_14d", "admit_120d"}
    when = clock.now() + timedelta(days=3)
    r = services.record_evaluation_booked(actor=counselor, request=r, evaluation_at=when)
    assert r.stage == Stage.EVALUATION_BOOKED
    assert selectors.request_detail(counselor, r.public_id).row.to_evaluation.code == 1
    r = services.record_admission(
        actor=counselor, request=r, person=personas.person, admitted_on=clock.today_in("UTC") + timedelta(days=4)
    )
    assert r.stage == Stage.ADMITTED
    assert r.person == personas.person
    assert AuditEvent.objects.filter(action="intake.admitted", person_id=personas.person.pk).exists()
    assert [c.stage for c in r.stage_changes.order_by("pk")] == [
        "received",
        "prescreened",
        "waitlisted",
        "evaluation_booked",
        "admitted",
    ]


def test_steps_out_of_order_and_closing_without_a_reason_are_refused(personas, intake_request):
    with pytest.raises(InvalidInput) as caught:
        services.move(actor=personas.counselor, request=intake_request, stage="evaluation_booked")
    assert "cannot move" in caught.value.fields["stage"]
    with pytest.raises(InvalidInput) as caught:
        services.move(actor=personas.counselor, request=intake_request, stage="closed")
    assert "why" in caught.value.fields["note"]
    closed = services.move(actor=personas.counselor, request=intake_request, stage="closed", note="asked us to stop")
    assert closed.outcome_note == "asked us to stop"


def test_only_the_programs_counselors_and_admins_work_its_queue(personas, intake_request):
    for who in ("nurse", "coach", "prescriber", "analyst", "person", "supporter"):
        with pytest.raises((Forbidden, NotFound)):
            services.move(actor=getattr(personas, who), request=intake_request, stage="contacting")
    with pytest.raises(NotFound):
        selectors.request_detail(personas.counselor_elsewhere, intake_request.public_id)
    assert selectors.request_detail(personas.program_admin, intake_request.public_id).row.request == intake_request


def test_every_read_is_audited(personas, intake_request):
    selectors.queue_for(personas.counselor)
    selectors.request_detail(personas.counselor, intake_request.public_id)
    actions = set(AuditEvent.objects.filter(actor_id=personas.counselor.pk).values_list("action", flat=True))
    assert {"intake.queue.read", "intake.read"} <= actions


def test_flagged_requests_are_waitlisted_first(personas):
    plain = services.submit_request(program=personas.program, values=GOOD, client="a")
    flagged = services.submit_request(program=personas.program, values=GOOD | {"pregnant": True}, client="b")
    for r in (plain, flagged):
        screened = services.move(actor=personas.counselor, request=r, stage="prescreened")
        services.move(actor=personas.counselor, request=screened, stage="waitlisted")
    places = selectors.waitlist_positions({personas.program.pk})
    assert places[flagged.pk] == 1
    assert places[plain.pk] == 2


def test_clocks_stop_for_programs_without_block_grant_funding(personas, intake_request):
    services.move(actor=personas.counselor, request=intake_request, stage="prescreened", injecting=True)
    assert selectors.request_detail(personas.counselor, intake_request.public_id).row.clocks
    update_program_settings(
        actor=personas.program_admin,
        program=personas.program,
        values={"block_grant_clocks": False, "warn_days_before": 3, "warn_hours_before": 12},
    )
    assert not selectors.request_detail(personas.counselor, intake_request.public_id).row.clocks


def test_a_late_clock_shows_missed(personas):
    with time_machine.travel(clock.now() - timedelta(days=20)):
        r = services.submit_request(program=personas.program, values=GOOD | {"injecting": True}, client="c")
    row = selectors.request_detail(personas.counselor, r.public_id).row
    assert {c.key: c.state for c in row.clocks}["admit_14d"] == "missed"
    assert IntakeRequest.objects.count() == 1


def test_staff_are_warned_once_before_a_clock_is_missed_and_when_it_is(personas):
    with time_machine.travel(clock.now() - timedelta(hours=40)):
        services.submit_request(program=personas.program, values=GOOD | {"injecting": True}, client="w")
    assert warn_admission_clocks.call() == 1  # the 48-hour clock: due within 12 hours
    assert warn_admission_clocks.call() == 0
    told = Notification.objects.filter(team_title__contains="deadline")
    assert {n.recipient for n in told} == {personas.counselor, personas.program_admin}
    with time_machine.travel(clock.now() + timedelta(hours=9)):
        assert warn_admission_clocks.call() == 1  # now missed
