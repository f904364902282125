"""The people area's part of the person's record: the profile with every version, the episodes of
care with every version and every level-of-care segment (corrected ones kept, marked as corrected)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.people.models import (
    Episode,
    EpisodeRevision,
    LevelOfCareSegment,
    Person,
    PersonTeamMember,
    ProfileRevision,
)

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _profile(access: "PersonAccess") -> Iterable[Item]:
    person: Person = access.person
    yield {
        "id": person.public_id,
        "record_number": person.record_number,
        "created_at": person.created_at,
        "program": person.program.name,
        "preferred_name": person.preferred_name,
        "legal_name": person.legal_name,
        "pronouns": person.pronouns,
        "date_of_birth": person.date_of_birth,
        "time_zone": person.time_zone,
        "preferred_language": person.preferred_language,
        "email": person.email,
        "phone": person.phone,
        "recovery_started_on": person.recovery_started_on,
        "primary_substance": person.get_primary_substance_display() or None,
        "may_call": person.may_call,
        "may_text": person.may_text,
        "may_leave_message": person.may_leave_message,
        "contact_note": person.contact_note,
        "version": person.version,
    }


def _profile_history(access: "PersonAccess") -> Iterable[Item]:
    rows = ProfileRevision.objects.filter(person=access.person).select_related("changed_by").order_by("version")
    for r in rows:
        yield {
            "id": f"v{r.version}",
            "version": r.version,
            "changed_at": r.changed_at,
            "changed_by": label(r.changed_by),
            "changed_fields": r.changed_fields,
            "reason": r.reason,
            "profile_after_the_change": r.data,
        }


def _episodes(access: "PersonAccess") -> Iterable[Item]:
    revisions = Prefetch("revisions", EpisodeRevision.objects.select_related("changed_by").order_by("version"))
    segments = Prefetch(
        "segments", LevelOfCareSegment.objects.select_related("recorded_by", "corrects").order_by("started_on", "pk")
    )
    episodes = (
        Episode.objects.filter(person=access.person)
        .select_related("program")
        .prefetch_related(revisions, segments)
        .order_by("admitted_on", "pk")
    )
    for e in episodes:
        corrected = {s.corrects_id for s in e.segments.all() if s.corrects_id}
        yield {
            "id": e.public_id,
            "created_at": e.created_at,
            "program": e.program.name,
            "admitted_on": e.admitted_on,
            "discharged_on": e.discharged_on,
            "discharge_reason": e.get_discharge_reason_display() if e.discharge_reason else None,
            "version": e.version,
            "levels_of_care": [_segment(s, corrected=s.pk in corrected) for s in e.segments.all()],
            "versions": [
                {
                    "version": r.version,
                    "changed_at": r.changed_at,
                    "changed_by": label(r.changed_by),
                    "reason": r.reason,
                    "episode_after_the_change": r.data,
                }
                for r in e.revisions.all()
            ],
        }


def _segment(s: LevelOfCareSegment, *, corrected: bool) -> dict[str, Any]:
    return {
        "id": s.public_id,
        "created_at": s.created_at,
        "edition": s.edition,
        "level": s.level,
        "started_on": s.started_on,
        "recorded_by": label(s.recorded_by),
        "corrects": s.corrects.public_id if s.corrects else None,
        "correction_reason": s.correction_reason,
        "corrected_later": corrected,
    }


def _care_team(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        PersonTeamMember.objects.filter(person=access.person)
        .select_related("user", "added_by", "ended_by")
        .order_by("starts_on", "pk")
    )
    for m in rows:
        yield {
            "id": m.public_id,
            "created_at": m.created_at,
            "staff_member": label(m.user),
            "part": m.get_team_role_display(),
            "starts_on": m.starts_on,
            "ends_on": m.ends_on,
            "added_by": label(m.added_by),
            "ended_by": label(m.ended_by),
            "end_reason": m.end_reason,
        }


PART = PartSpec(
    area="people",
    title="Profile and episodes of care",
    sections=(
        SectionSpec("profile", "Profile", ("people.Person",), kind="profile", scope="progress", read=_profile),
        SectionSpec(
            "profile_history",
            "Changes to your profile",
            ("people.ProfileRevision",),
            kind="profile",
            scope=None,
            read=_profile_history,
            id_note="'v' and the version number (a profile version has no public id)",
        ),
        SectionSpec(
            "episodes",
            "Episodes of care",
            ("people.Episode", "people.EpisodeRevision", "people.LevelOfCareSegment"),
            kind="episodes",
            scope="progress",
            read=_episodes,
        ),
        SectionSpec(
            "care_team", "Your care team", ("people.PersonTeamMember",), kind="care_team", scope=None, read=_care_team
        ),
    ),
)
