"""Reads of people, episodes and levels of care, scoped through `access` and audited there."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.audit.services import record_event
from onward.clinical import care_levels, teds
from onward.core import clock
from onward.people.access import Access, Purpose, visible_people
from onward.people.models import Episode, LevelOfCareSegment, Person, ProfileRevision

# Program administrators see who is enrolled, not clinical detail (architecture.md).
CLINICAL_PROFILE_FIELDS = frozenset({"recovery_started_on", "primary_substance", "date_of_birth"})
# A supporter with consent scope `progress` sees the name and the recovery start, nothing else.
SUPPORT_HIDDEN_FIELDS = {"legal_name": "", "email": "", "phone": "", "date_of_birth": None, "primary_substance": None}


def list_people(*, actor: User) -> list[Person]:
    """People the actor may see, by name; one audited read per person shown, on that person's chain.

    Reads take a fixed number of queries whatever the count; the audit writes one event per person."""
    people = list(visible_people(actor).select_related("program").order_by("preferred_name", "pk"))
    today = clock.now().date()
    team = accounts.care_team_program_ids(actor, on=today)
    for person in people:
        if person.account_id == actor.pk:
            purpose = Purpose.SELF
        elif actor.role == Role.SUPPORTER:
            purpose = Purpose.SUPPORT  # the name only: the consent itself names the supporter
        elif person.program_id in team:
            purpose = Purpose.TREATMENT
        else:
            purpose = Purpose.OPERATIONS
        record_event(actor=actor, action="profile.listed", person=person, purpose=purpose)
    return people


def profile_fields(access: Access) -> dict[str, Any]:
    """The profile as this access may see it: no clinical fields for program operations."""
    person = access.person
    fields: dict[str, Any] = {
        "id": person.public_id,
        "program": person.program.name,
        "preferred_name": person.preferred_name,
        "legal_name": person.legal_name,
        "pronouns": person.pronouns,
        "time_zone": person.time_zone,
        "preferred_language": person.preferred_language,
        "email": person.email,
        "phone": person.phone,
        "version": person.version,
        "date_of_birth": person.date_of_birth,
        "recovery_started_on": person.recovery_started_on,
        "primary_substance": person.primary_substance or None,
    }
    if access.purpose == Purpose.OPERATIONS:
        for name in CLINICAL_PROFILE_FIELDS:
            fields[name] = None
    if access.purpose == Purpose.SUPPORT:
        fields |= SUPPORT_HIDDEN_FIELDS
    return fields


def list_profile_revisions(access: Access) -> QuerySet[ProfileRevision]:
    return access.person.revisions.select_related("changed_by").order_by("version")


@dataclass(frozen=True, slots=True)
class SegmentRow:
    id: Any
    edition: str
    level: str
    level_name: str
    group: str
    started_on: date
    ended_on: date | None  # the next segment's start or the discharge date; None while current


@dataclass(frozen=True, slots=True)
class EpisodeRow:
    id: Any
    program: str
    admitted_on: date
    discharged_on: date | None
    discharge_reason: int | None
    discharge_reason_label: str | None
    version: int
    levels: tuple[SegmentRow, ...]


def list_episodes(access: Access) -> list[EpisodeRow]:
    """Episodes, newest first, each with its current levels of care and when each ended (two queries)."""
    segments = Prefetch("segments", queryset=LevelOfCareSegment.objects.current().order_by("started_on"))
    episodes = (
        Episode.objects.filter(person=access.person)
        .select_related("program")
        .prefetch_related(segments)
        .order_by("-admitted_on", "-pk")
    )
    return [_episode_row(e) for e in episodes]


def get_episode(access: Access, episode_id: Any) -> Episode | None:
    return Episode.objects.filter(person=access.person, public_id=episode_id).first()


def get_segment(access: Access, segment_id: Any) -> LevelOfCareSegment | None:
    return (
        LevelOfCareSegment.objects.select_related("episode")
        .filter(episode__person=access.person, public_id=segment_id)
        .first()
    )


def _episode_row(episode: Episode) -> EpisodeRow:
    segments = list(episode.segments.all())
    rows = []
    for index, segment in enumerate(segments):
        described = care_levels.describe(segment.edition, segment.level)
        name, group = described if described else (segment.level, None)
        ended = segments[index + 1].started_on if index + 1 < len(segments) else episode.discharged_on
        rows.append(
            SegmentRow(
                segment.public_id,
                segment.edition,
                segment.level,
                name,
                care_levels.GROUP_LABELS[group] if group else "",
                segment.started_on,
                ended,
            )
        )
    reason = episode.discharge_reason
    return EpisodeRow(
        episode.public_id,
        episode.program.name,
        episode.admitted_on,
        episode.discharged_on,
        reason,
        teds.LABELS[teds.DischargeReason(reason)] if reason else None,
        episode.version,
        tuple(rows),
    )
