"""People, episodes and levels of care: validated, versioned, audited."""

from datetime import date

import pytest

from onward.audit.models import AuditEvent
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.people import services
from onward.people.access import access_person
from onward.people.models import LevelOfCareSegment, ProfileRevision


def writer(personas, kind="episodes"):
    return access_person(personas.counselor, personas.person.public_id, kind=kind, action="write")


def test_enrolling_keeps_the_first_version_and_audits_it(personas):
    revision = ProfileRevision.objects.get(person=personas.person)
    assert (revision.version, revision.reason, revision.changed_by) == (1, "enrolled", personas.counselor)
    assert AuditEvent.objects.filter(person=personas.person, action="profile.created").exists()


def test_only_the_care_team_of_that_program_enrols(personas):
    profile = {"preferred_name": "Riley", "time_zone": "UTC"}
    with pytest.raises(Forbidden):
        services.enrol_person(actor=personas.counselor_elsewhere, program=personas.program, profile=profile)
    with pytest.raises(Forbidden):
        services.enrol_person(actor=personas.coach, program=personas.program, profile=profile)


def test_a_bad_profile_names_every_field(personas):
    with pytest.raises(InvalidInput) as caught:
        services.enrol_person(
            actor=personas.counselor,
            program=personas.program,
            profile={"time_zone": "Mars/Olympus", "primary_substance": "sugar", "shoe_size": 9},
        )
    assert caught.value.fields.keys() == {"preferred_name", "time_zone", "primary_substance", "shoe_size"}


def test_a_profile_change_keeps_the_old_version_with_who_and_why(personas):
    access = writer(personas, "profile")
    services.update_profile(
        access=access, changes={"phone": "+1 555 0100"}, reason="new phone number", expected_version=1
    )
    old, new = ProfileRevision.objects.filter(person=personas.person).order_by("version")
    assert old.data["phone"] == ""
    assert (new.data["phone"], new.changed_fields, new.reason) == ("+1 555 0100", ["phone"], "new phone number")
    assert AuditEvent.objects.filter(person=personas.person, action="profile.updated").count() == 1


def test_a_profile_change_needs_a_reason_and_the_current_version(personas):
    access = writer(personas, "profile")
    with pytest.raises(InvalidInput) as caught:
        services.update_profile(access=access, changes={"phone": "+1 312 555 0101"}, reason=" ", expected_version=None)
    assert caught.value.fields.keys() == {"reason"}
    with pytest.raises(Conflict):
        services.update_profile(access=access, changes={"phone": "+1 312 555 0101"}, reason="typo", expected_version=7)


def test_a_profile_change_never_empties_the_preferred_language(personas):
    """Found by schemathesis: `"preferred_language": null` reached the database (NOT NULL) as a 500."""
    access = writer(personas, "profile")
    for empty in (None, " "):
        with pytest.raises(InvalidInput) as caught:
            services.update_profile(
                access=access, changes={"preferred_language": empty}, reason="cleared", expected_version=None
            )
        assert caught.value.fields == {"preferred_language": "is required"}
    assert ProfileRevision.objects.filter(person=personas.person).count() == 1


def test_one_open_episode_at_a_time(personas):
    access = writer(personas)
    services.admit(access=access, admitted_on=date(2025, 3, 1))
    with pytest.raises(Conflict):
        services.admit(access=access, admitted_on=date(2025, 3, 2))


def test_a_discharge_needs_a_teds_reason_and_a_date_after_admission(personas):
    access = writer(personas)
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    with pytest.raises(InvalidInput) as caught:
        services.discharge(access=access, episode=episode, discharged_on=date(2025, 2, 1), reason_code=9)
    assert caught.value.fields.keys() == {"discharged_on", "discharge_reason"}
    done = services.discharge(access=access, episode=episode, discharged_on=date(2025, 4, 1), reason_code=1)
    assert (done.discharged_on, done.discharge_reason, done.version) == (date(2025, 4, 1), 1, 2)
    with pytest.raises(Conflict):
        services.discharge(access=access, episode=done, discharged_on=date(2025, 4, 2), reason_code=1)


def test_a_corrected_episode_keeps_every_version(personas):
    access = writer(personas)
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    services.correct_episode(access=access, episode=episode, changes={"admitted_on": date(2025, 2, 27)}, reason="typo")
    versions = list(episode.revisions.order_by("version").values_list("data__admitted_on", "reason"))
    assert versions == [("2025-03-01", "admitted"), ("2025-02-27", "typo")]


def test_a_corrected_discharge_reason_is_a_teds_reason(personas):
    """Found by schemathesis: a correction to discharge reason -15737 broke the table's check (a 500)."""
    access = writer(personas)
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    for wrong in (-15737, 0, 8):
        with pytest.raises(InvalidInput) as caught:
            services.correct_episode(
                access=access,
                episode=episode,
                changes={"discharged_on": date(2025, 4, 1), "discharge_reason": wrong},
                reason="typo",
            )
        assert caught.value.fields.keys() == {"discharge_reason"}
    done = services.correct_episode(
        access=access,
        episode=episode,
        changes={"discharged_on": date(2025, 4, 1), "discharge_reason": 7},
        reason="typo",
    )
    assert (done.discharged_on, done.discharge_reason) == (date(2025, 4, 1), 7)


def test_levels_of_care_are_checked_against_their_asam_edition(personas):
    access = writer(personas)
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    with pytest.raises(InvalidInput) as caught:
        services.start_level_of_care(
            access=access, episode=episode, edition="4", level="3.3", started_on=date(2025, 3, 1)
        )
    assert caught.value.fields.keys() == {"level"}
    with pytest.raises(InvalidInput) as caught:
        services.start_level_of_care(
            access=access, episode=episode, edition="5", level="1", started_on=date(2025, 2, 1)
        )
    assert caught.value.fields.keys() == {"edition", "started_on"}
    segment = services.start_level_of_care(
        access=access, episode=episode, edition="3", level="3.7-WM", started_on=date(2025, 3, 1)
    )
    assert segment.level == "3.7-WM"


def test_a_level_correction_is_a_new_row_and_the_original_stays(personas):
    access = writer(personas)
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    first = services.start_level_of_care(
        access=access, episode=episode, edition="3", level="2.1", started_on=date(2025, 3, 1)
    )
    fixed = services.correct_level_of_care(
        access=access, segment=first, edition="3", level="2.5", started_on=date(2025, 3, 1), reason="was PHP"
    )
    assert list(LevelOfCareSegment.objects.current().values_list("level", flat=True)) == ["2.5"]
    assert LevelOfCareSegment.objects.get(pk=first.pk).level == "2.1"
    assert fixed.corrects == first
    with pytest.raises(Conflict):
        services.correct_level_of_care(
            access=access, segment=first, edition="3", level="1", started_on=date(2025, 3, 1), reason="again"
        )


def test_a_coach_reads_but_may_not_write_episodes(personas):
    coach = access_person(personas.coach, personas.person.public_id, kind="episodes", action="read")
    with pytest.raises(Forbidden):
        services.admit(access=coach, admitted_on=date(2025, 3, 1))


def test_episodes_with_their_levels_cost_two_queries_however_many(personas, django_assert_num_queries):
    from onward.people import selectors  # noqa: PLC0415

    access = writer(personas)
    for month in (1, 4, 7):
        episode = services.admit(access=access, admitted_on=date(2024, month, 1))
        for day in (1, 10):
            services.start_level_of_care(
                access=access, episode=episode, edition="3", level="2.1", started_on=date(2024, month, day)
            )
        services.discharge(access=access, episode=episode, discharged_on=date(2024, month, 20), reason_code=1)
    with django_assert_num_queries(2):
        rows = selectors.list_episodes(access)
    assert [len(r.levels) for r in rows] == [2, 2, 2]
    assert rows[0].levels[0].ended_on == date(2024, 7, 10)
    assert rows[0].levels[1].ended_on == date(2024, 7, 20)
