"""Placement, admission, restrictions, OTP items and the care team: validated, audited, permitted."""

from datetime import UTC, date, datetime

import pytest

from onward.admission import selectors, services
from onward.admission.models import Admission
from onward.admission.tasks import raise_overdue_otp_alerts
from onward.alerts.models import Alert
from onward.audit.models import AuditEvent
from onward.clinical.rules.otp_clocks import Status
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.people import care_team
from onward.people.access import access_person
from onward.people.models import Episode, LevelOfCareSegment, PersonTeamMember

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 3)


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(datetime(2025, 3, 3, 18, 0, tzinfo=UTC), tick=False)


def write(personas, kind, who="counselor"):
    return access_person(personas.users[who], personas.person.public_id, kind=kind, action="write")


RATINGS = {"1": 2, "2": 1, "3": 2, "4": 3, "5": 3, "6": 2}
REASONS = {d: f"reason {d}" for d in "123456"}


def place(personas, **changes):
    arguments = {
        "edition": "3",
        "ratings": RATINGS,
        "reasons": REASONS,
        "recommended_level": "2.1",
        "chosen_level": "1",
        "override_reason": "works days; IOP evenings not available yet",
        "placed_on": TODAY,
    } | changes
    return services.place(access=write(personas, "placements"), **arguments)


def make_otp(personas, levels=("3:1", "3:2.1")):
    personas.program.is_opioid_treatment_program = True
    personas.program.levels_offered = list(levels)
    personas.program.save()


def admit(personas, placement, **changes):
    arguments = {
        "placement": placement,
        "admitted_on": TODAY,
        "part2_notice_given": True,
        "primary_counselor": personas.counselor,
        "prescriber": personas.prescriber,
    } | changes
    return services.admit_person(access=write(personas, "admissions"), **arguments)


def test_a_placement_keeps_ratings_reasons_and_why_the_chosen_level_differs(personas):
    placement = place(personas)
    assert (placement.recommended_level, placement.chosen_level) == ("2.1", "1")
    assert placement.override_reason.startswith("works days")
    assert AuditEvent.objects.filter(person=personas.person, action="placement.recorded").exists()


def test_a_placement_names_every_bad_field(personas):
    with pytest.raises(InvalidInput) as caught:
        place(
            personas,
            ratings={"1": 5, "2": True, "3": "2", "4": 1, "5": 1},
            reasons={"1": "x"},
            chosen_level="3.3",
            override_reason="",
            recommended_level="1.7",
        )
    fields = caught.value.fields
    assert {"rating_1", "rating_2", "rating_3", "rating_6", "reason_2", "recommended_level"} <= fields.keys()
    assert fields["override_reason"] == "the chosen level differs from the recommended one: say why"


def test_fourth_edition_ratings_are_symbolic_and_dimension_6_is_unrated(personas):
    ratings = dict.fromkeys("12345", "2B = Min 2.1")
    placement = place(personas, edition="4", ratings=ratings, recommended_level="2.1", chosen_level="2.1")
    assert placement.ratings == ratings
    assert placement.override_reason == ""
    with pytest.raises(InvalidInput) as caught:
        place(personas, edition="4", ratings=ratings | {"6": "3"}, recommended_level="2.1", chosen_level="2.1")
    assert "rating_6" in caught.value.fields


def test_only_clinicians_place(personas):
    with pytest.raises(Forbidden):
        access_person(personas.coach, personas.person.public_id, kind="placements", action="write")


def test_admission_opens_the_episode_at_the_chosen_level_with_team_and_part2_notice(personas):
    make_otp(personas)
    admission = admit(personas, place(personas))
    episode = Episode.objects.get(person=personas.person)
    assert admission.episode == episode
    assert episode.admitted_on == TODAY
    assert LevelOfCareSegment.objects.get(episode=episode).level == "1"
    team = {(m.user, m.team_role) for m in PersonTeamMember.objects.filter(person=personas.person)}
    assert team == {(personas.counselor, "primary_counselor"), (personas.prescriber, "prescriber")}
    assert admission.part2_notice_given_on == TODAY
    assert admission.at_otp
    actions = set(AuditEvent.objects.filter(person=personas.person).values_list("action", flat=True))
    assert {"admission.recorded", "part2_notice.given", "episode.admitted", "care_team.added"} <= actions


def test_admission_refuses_without_notice_placement_offered_level_or_counselor(personas):
    make_otp(personas, levels=("3:2.1",))
    with pytest.raises(InvalidInput) as caught:
        admit(personas, place(personas), part2_notice_given=False, primary_counselor=personas.counselor_elsewhere)
    assert caught.value.fields.keys() == {"placement", "part2_notice_given", "primary_counselor"}
    with pytest.raises(InvalidInput) as caught:
        admit(personas, None, primary_counselor=None)
    assert caught.value.fields.keys() == {"placement", "primary_counselor"}
    assert not Admission.objects.exists()


def test_interim_treatment_only_at_an_otp(personas):
    with pytest.raises(InvalidInput) as caught:
        admit(personas, place(personas), interim=True)
    assert caught.value.fields == {"interim": "interim treatment is for opioid treatment programs only"}


def test_a_self_paid_restriction_must_be_granted(personas):
    make_otp(personas)
    refused = {
        "request": "do not tell my insurer",
        "self_paid_from_health_plan": True,
        "answer": "refused",
        "requested_on": TODAY,
    }
    with pytest.raises(InvalidInput) as caught:
        admit(personas, place(personas), restriction=refused)
    assert "must be granted" in caught.value.fields["restriction_answer"]
    admission = admit(personas, place(personas), restriction=refused | {"answer": "granted"})
    assert admission.restrictions.get().answer == "granted"


def test_otp_items_due_recorded_overdue_and_alerted(personas, time_machine):
    make_otp(personas)
    admission = admit(personas, place(personas), interim=True)
    read = access_person(personas.nurse, personas.person.public_id, kind="otp_clocks", action="read")
    current = selectors.open_otp_admission(read)
    items = selectors.due_items(current, today=TODAY)
    assert [(i.clock.value, i.due_on) for i in items][:2] == [
        ("physical_exam", date(2025, 3, 17)),
        ("psychosocial_assessment", date(2025, 3, 17)),
    ]
    services.record_clock_done(
        access=write(personas, "otp_clocks", "nurse"),
        admission=admission,
        clock="physical_exam",
        done_on=date(2025, 3, 10),
    )
    with pytest.raises(Conflict):
        services.record_clock_done(
            access=write(personas, "otp_clocks", "nurse"),
            admission=admission,
            clock="physical_exam",
            done_on=date(2025, 3, 11),
        )
    with pytest.raises(InvalidInput) as caught:
        services.record_clock_done(
            access=write(personas, "otp_clocks"), admission=admission, clock="eight_tests", done_on=date(2025, 3, 2)
        )
    assert caught.value.fields.keys() == {"clock", "done_on"}
    time_machine.move_to(datetime(2025, 3, 19, 18, 0, tzinfo=UTC), tick=False)
    assert raise_overdue_otp_alerts() == 1
    alert = Alert.objects.get(person=personas.person, kind="admission.otp_overdue")
    assert "Psychosocial assessment" in alert.reasons[0]
    rows, total = selectors.list_otp_due(actor=personas.counselor)
    assert total == 3
    assert rows[0].item.status == Status.OVERDUE
    assert selectors.list_otp_due(actor=personas.coach) == ([], 0)


def test_no_otp_items_outside_an_otp(personas):
    admission = admit(personas, place(personas))
    assert not admission.at_otp
    assert selectors.due_items(admission, today=TODAY) == ()
    with pytest.raises(InvalidInput):
        services.record_clock_done(
            access=write(personas, "otp_clocks"), admission=admission, clock="physical_exam", done_on=TODAY
        )


def test_care_team_history_add_and_end(personas):
    access = write(personas, "care_team")
    member = care_team.add_member(access=access, user=personas.nurse, team_role="nurse", starts_on=TODAY)
    with pytest.raises(Conflict):
        care_team.add_member(access=access, user=personas.nurse, team_role="nurse", starts_on=TODAY)
    with pytest.raises(InvalidInput) as caught:
        care_team.add_member(access=access, user=personas.counselor_elsewhere, team_role="chef", starts_on=TODAY)
    assert caught.value.fields.keys() == {"user", "team_role"}
    with pytest.raises(InvalidInput) as caught:
        care_team.end_member(access=access, member=member, ends_on=date(2025, 3, 1), reason="")
    assert caught.value.fields.keys() == {"ends_on", "reason"}
    ended = care_team.end_member(access=access, member=member, ends_on=TODAY, reason="moved to days")
    assert ended.ends_on == TODAY
    assert ended.ended_by == personas.counselor
    assert PersonTeamMember.objects.filter(person=personas.person).count() == 1  # kept for the history
    admin = access_person(personas.program_admin, personas.person.public_id, kind="care_team", action="write")
    care_team.add_member(access=admin, user=personas.coach, team_role="peer_recovery_coach", starts_on=TODAY)


def test_a_staff_member_whose_credential_lapsed_takes_no_new_person(personas):
    """After a credential's expiry, no new assignments (issue 17 item 1): the reason names the credential
    beside the staff field; on the expiry day itself the credential still counts."""
    from onward.accounts.models import StaffCredential  # noqa: PLC0415

    StaffCredential.objects.create(
        user=personas.nurse,
        kind="license",
        title="Registered Nurse licence",
        number="RN-1",
        issuer="State board",
        expires_on=date(2025, 3, 2),
    )
    access = write(personas, "care_team")
    with pytest.raises(InvalidInput) as caught:
        care_team.add_member(access=access, user=personas.nurse, team_role="nurse", starts_on=TODAY)
    assert "Registered Nurse licence expired on 2 Mar 2025" in caught.value.fields["user"]
    member = care_team.add_member(access=access, user=personas.nurse, team_role="nurse", starts_on=date(2025, 3, 2))
    assert member.starts_on == date(2025, 3, 2)
