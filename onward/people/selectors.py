"""Reads of people, episodes and levels of care, scoped through `access` and audited there."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.audit.services import record_event, record_reads
from onward.clinical import care_levels, teds
from onward.clinical.rules import recovery_stage
from onward.core import clock
from onward.people import record_numbers
from onward.people.access import (
    Access,
    Purpose,
    aggregate_program_ids,
    listed_purpose,
    role_grant,
    visible_people,
)
from onward.people.contact import Contact
from onward.people.models import Episode, LevelOfCareSegment, Person, ProfileRevision

# Program administrators see who is enrolled, not clinical detail (architecture.md).
CLINICAL_PROFILE_FIELDS = frozenset({"recovery_started_on", "primary_substance", "date_of_birth"})
# A supporter with consent scope `progress` sees the name and the recovery start, nothing else.
SUPPORT_HIDDEN_FIELDS = {
    "legal_name": "",
    "email": "",
    "phone": "",
    "date_of_birth": None,
    "primary_substance": None,
    "record_number": "",
    "may_call": None,
    "may_text": None,
    "may_leave_message": None,
    "contact_note": "",
}


def list_people(*, actor: User) -> list[Person]:
    """People the actor may see, by name; one audited read per person shown, on that person's chain.

    Reads take a fixed number of queries whatever the count; the audit writes one event per person."""
    people = list(visible_people(actor).select_related("program").order_by("preferred_name", "pk"))
    _audit_listed(actor, people)
    return people


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a staff list asks for: words of a name or a record number, one program, one group of levels
    of care (`care_levels.Group` value); empty means any."""

    search: str = ""
    program_id: int | None = None
    level_group: str = ""


def level_group_choices() -> list[tuple[str, str]]:
    return [(group.value, label) for group, label in care_levels.GROUP_LABELS.items()]


def listed_people(*, actor: User, query: ListQuery) -> QuerySet[Person]:
    """The people `actor` may see that `query` asks for, each annotated with the admission of their open
    episode (`treatment_since`) and its current level of care (`level_edition`, `level_code`): to page,
    rank and count in SQL. Reads no row by itself; show people with `page_listed_people`."""
    episodes = Episode.objects.filter(person=OuterRef("pk"), discharged_on__isnull=True).order_by("-admitted_on", "-pk")
    segments = (
        LevelOfCareSegment.objects.current()
        .filter(episode__person=OuterRef("pk"), episode__discharged_on__isnull=True)
        .order_by("-started_on", "-pk")
    )
    people = visible_people(actor).annotate(
        treatment_since=Subquery(episodes.values("admitted_on")[:1]),
        level_edition=Subquery(segments.values("edition")[:1]),
        level_code=Subquery(segments.values("level")[:1]),
    )
    if query.program_id is not None:
        people = people.filter(program_id=query.program_id)
    if query.level_group:
        in_group = Q(pk__in=[])
        for edition, levels in care_levels.LEVELS.items():
            codes = [code for code, (_name, group) in levels.items() if group == query.level_group]
            if codes:
                in_group |= Q(level_edition=edition.value, level_code__in=codes)
        people = people.filter(in_group)
    words = query.search.split()
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(preferred_name__icontains=word) | Q(legal_name__icontains=word)
        number = record_numbers.normalized(query.search)
        people = people.filter(by_name | Q(record_number=number) if number else by_name)
    return people


def page_listed_people(
    *, actor: User, people: QuerySet[Person], order: Sequence[Any], offset: int, limit: int
) -> tuple[list[Person], int]:
    """One page of `people` (from `listed_people`, perhaps ranked by another area's annotations) in
    `order`, and how many there are: two queries whatever the count. Each person shown is one audited
    `profile.listed` read and, when the actor's role reads episodes, one `episodes.listed` read."""
    shown = list(people.select_related("program").order_by(*order)[offset : offset + limit])
    total = people.count()
    _audit_listed(actor, shown)
    if shown and role_grant(actor, "episodes", "read") is not None:
        _audit_listed(actor, shown, action="episodes.listed")
    return shown, total


def listed_among(*, actor: User, pks: Iterable[int]) -> list[Person]:
    """Those of the people `pks` that `actor` may list, annotated as `listed_people` annotates them, for a
    list whose rows are about people (the worklist): one query whatever the count; each one an audited
    `profile.listed` read and, when the actor's role reads episodes, an `episodes.listed` read."""
    wanted = set(pks)
    if not wanted:
        return []
    people = list(listed_people(actor=actor, query=ListQuery()).filter(pk__in=wanted).select_related("program"))
    _audit_listed(actor, people)
    if people and role_grant(actor, "episodes", "read") is not None:
        _audit_listed(actor, people, action="episodes.listed")
    return people


def _audit_listed(actor: User, people: list[Person], *, action: str = "profile.listed") -> None:
    team = accounts.care_team_program_ids(actor, on=clock.now().date())
    record_reads(
        actor=actor,
        people=people,
        action=action,
        purpose_of=lambda person: listed_purpose(actor, person, team_program_ids=team),
    )


def profile_fields(access: Access) -> dict[str, Any]:
    """The profile as this access may see it: no clinical fields for program operations."""
    person = access.person
    fields: dict[str, Any] = {
        "id": person.public_id,
        "record_number": person.record_number,
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
        "may_call": person.may_call,
        "may_text": person.may_text,
        "may_leave_message": person.may_leave_message,
        "contact_note": person.contact_note,
    }
    if access.purpose == Purpose.OPERATIONS:
        for name in CLINICAL_PROFILE_FIELDS:
            fields[name] = None
    if access.purpose == Purpose.SUPPORT:
        fields |= SUPPORT_HIDDEN_FIELDS
    return fields


def contact_of(person: Person) -> Contact:
    """The contact details of a person the caller already read as the care team or the program (through
    `access_person` or a list that audited them): never for a supporter, whose profile read hides them."""
    return person.contact


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
    rows = [_episode_row(e) for e in episodes]
    if not access.allows("episode_history", "read"):
        # A supporter's `progress` scope covers "the level of treatment you are in now" (consent
        # DESCRIPTIONS), not the history (`episode_history`): the open episodes, each with its current
        # level only.
        return [replace(r, levels=r.levels[-1:]) for r in rows if r.discharged_on is None]
    return rows


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


def get_time_zone_of_account(user: User) -> str | None:
    """The time zone on the person record this account signs in to, if it is a person's account."""
    zone: str | None = Person.objects.filter(account=user).values_list("time_zone", flat=True).first()
    return zone


@dataclass(frozen=True, slots=True)
class RecoverySummary:
    """Day count and stage as the recovery-stage rule gives them, from the date named in `counted_from`."""

    counted_from: str  # "recovery_start", "episode_admission" or "" when there is no date to count from
    start_on: date | None
    local_today: date
    day_number: int | None
    stage_label: str
    stage_reasons: tuple[str, ...]
    level_of_care: SegmentRow | None
    episode: EpisodeRow | None


def get_recovery_summary(access: Access, *, episodes: list[EpisodeRow] | None) -> RecoverySummary:
    """Today's day count and stage (clinical `recovery-stage`, §15) on the person's local date.

    The one derivation of the day count: the person's Today and a supporter's progress view both
    call it, so they cannot drift apart. Counts from the recovery start on the profile; without one,
    from the admission of the current episode (the page says which). The current level of care is
    the last segment of that episode; `episodes` is None when the actor may not read episodes."""
    person = access.person
    local_today = clock.today_in(person.time_zone)
    current = next((e for e in episodes or [] if e.discharged_on is None), None)
    start, counted_from = person.recovery_started_on, "recovery_start"
    if start is None and current is not None:
        start, counted_from = current.admitted_on, "episode_admission"
    level = current.levels[-1] if current and current.levels else None
    if start is None or start > local_today:
        return RecoverySummary("", start, local_today, None, "", (), level, current)
    result = recovery_stage.stage_on(start, today=local_today)
    return RecoverySummary(
        counted_from,
        start,
        local_today,
        result.details["day_number"],
        result.band_label or "",
        tuple(result.reasons),
        level,
        current,
    )


def count_people_by_level_of_care(*, actor: User) -> dict[str, int]:
    """People in the actor's programs whose episode is open, by the group of their current level of care
    ("Not placed yet" without one); for aggregate readers only (permission table `aggregates`), with one
    audit event per organization. Counts only: no name or id leaves this function."""
    programs = aggregate_program_ids(actor)
    if not programs:
        return {}
    open_episodes = Episode.objects.filter(program_id__in=programs, discharged_on__isnull=True)
    segments = (
        LevelOfCareSegment.objects.current()
        .filter(episode__in=open_episodes)
        .order_by("episode_id", "started_on", "pk")
        .values_list("episode__person_id", "edition", "level")
    )
    latest: dict[int, tuple[str, str]] = {}
    for person_id, edition, level in segments:
        latest[person_id] = (edition, level)  # ordered by start: the last one wins
    counts: dict[str, int] = {}
    for person_id in set(open_episodes.values_list("person_id", flat=True)):
        described = care_levels.describe(*latest[person_id]) if person_id in latest else None
        group = care_levels.GROUP_LABELS[described[1]] if described else "Not placed yet"
        counts[group] = counts.get(group, 0) + 1
    audit_aggregate_read(actor, programs, "aggregates.levels_of_care.read")
    return dict(sorted(counts.items()))


def people_in_open_episodes(programs: set[int]) -> QuerySet[Episode, int]:
    """Ids of the people with an open episode in these programs, as a subquery for another area's
    de-identified counts (nothing is read here; the caller counts and audits)."""
    return Episode.objects.filter(program_id__in=programs, discharged_on__isnull=True).values_list(
        "person_id", flat=True
    )


def audit_aggregate_read(actor: User, programs: set[int], action: str) -> None:
    """One audit event per organization for a read of de-identified counts."""
    for slug in accounts.organization_slugs_of(programs):
        record_event(actor=actor, action=action, organization_slug=slug, purpose="operations")


def get_own_person_id(actor: User) -> Any | None:
    """The public id of the person record that belongs to this account, if any (no record is read)."""
    return visible_people(actor).filter(account=actor).values_list("public_id", flat=True).first()


def people_with_ids(ids: Iterable[int] | QuerySet[Any]) -> QuerySet[Person]:
    """The people with these primary keys (a list or a subquery), for another area's job that already
    chose them (no one is read here: the caller iterates)."""
    return Person.objects.filter(pk__in=ids)


def lock_person(pk: int) -> Person:
    """The person's row, locked until the transaction ends: one writer at a time for that person."""
    return Person.objects.select_for_update().get(pk=pk)


def people_with_active_accounts() -> list[Person]:
    """Everyone whose account can sign in, with the account, in a stable order (reminders go to them)."""
    return list(
        Person.objects.filter(account__isnull=False, account__is_active=True).select_related("account").order_by("pk")
    )
