"""What a disclosure shows: a supporter's view of a person (only the scopes consented, only data
that exists) and a clinician's emergency summary (§2.51). Each read goes through the access path,
which audits it and, under a consent, logs the disclosure."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from onward.accounts.models import User
from onward.alerts.models import Alert, State
from onward.alerts.selectors import list_alerts
from onward.care.models import Appointment
from onward.care.selectors import list_appointments
from onward.checkins.selectors import Streak, get_streak
from onward.consent.models import Consent, Scope
from onward.consent.selectors import ScopeRow, describe_scopes, list_consents_in_force_to
from onward.core import clock
from onward.core.errors import NotFound
from onward.meetings.models import AttendanceEntry
from onward.meetings.selectors import SavedRow, list_attendance, list_saved
from onward.people.access import Access, access_person
from onward.people.selectors import EpisodeRow, get_recovery_summary, list_episodes, profile_fields
from onward.plans import selectors as plans
from onward.plans.models import NetworkMember, PlanVersion
from onward.recovery.selectors import HelpRow, help_rows

# Scopes whose records Onward does not hold yet: shown as not shared, never made up.
NOT_BUILT: frozenset[Scope] = frozenset()


@dataclass(frozen=True, slots=True)
class PlanView:
    plan: PlanVersion | None  # None: no plan written yet
    triggers: tuple[plans.TriggerGroup, ...]
    people: tuple[NetworkMember, ...]


@dataclass(frozen=True, slots=True)
class Progress:
    recovery_started_on: date | None
    day_number: int | None
    stage: str
    level_of_care: str  # the current level, or "" when none is recorded
    # What the day count counts from, as on the person's own Today (RecoverySummary.counted_from):
    # "recovery_start", "episode_admission", or "" when there is no day count.
    counted_from: str = ""


@dataclass(frozen=True, slots=True)
class SupporterView:
    person_id: UUID
    preferred_name: str
    time_zone: str  # times are shown where the person lives, with the zone's abbreviation
    consents: tuple[Consent, ...]
    covers: tuple[ScopeRow, ...]
    progress: Progress | None = None
    alerts: tuple[Alert, ...] | None = None
    appointments: tuple[Appointment, ...] | None = None
    plan: PlanView | None = None
    help_requests: tuple[HelpRow, ...] | None = None  # only those sent to the reader, with the number shared
    streak: Streak | None = None
    meetings: tuple[SavedRow, ...] | None = None
    attendance: tuple[AttendanceEntry, ...] | None = None
    not_available: tuple[ScopeRow, ...] = field(default=())


def get_supporter_view(actor: User, person_id: UUID | str) -> SupporterView:
    """The scopes in force today for this supporter, each read through access_person (so each is a
    logged disclosure); NotFound when no consent is in force (revoked, expired, or never given)."""
    consents = list_consents_in_force_to(actor, at=clock.now(), person_id=person_id)
    if not consents:
        raise NotFound("person")
    scopes = sorted({s for c in consents for s in c.scopes}, key=Scope.values.index)
    view: dict[str, Any] = {}
    if Scope.PROGRESS in scopes:
        profile = access_person(actor, person_id, kind="profile", action="read")
        episodes = access_person(actor, person_id, kind="episodes", action="read")
        view["progress"] = _progress(profile, list_episodes(episodes))
    if Scope.ALERTS in scopes:
        access = access_person(actor, person_id, kind="alerts", action="read")
        view["alerts"] = tuple(a for a in list_alerts(access) if a.state != State.RESOLVED)
    if Scope.SCHEDULE in scopes:
        access = access_person(actor, person_id, kind="appointments", action="read")
        view["appointments"] = tuple(list_appointments(access).filter(starts_at__gte=clock.now()))
    if Scope.PLAN in scopes:
        access = access_person(actor, person_id, kind="plan", action="read")
        plan = plans.current_plan(access)
        view["plan"] = PlanView(
            plan,
            plans.triggers_by_kind(plan) if plan else (),
            # The reader is never told to call themselves (issue 15: "the plan tells Sam to call Sam").
            tuple(m for m in plans.people_to_call(plan) if m.removed_at is None and m.supporter_id != actor.pk)
            if plan
            else (),
        )
    if Scope.HELP_REQUESTS in scopes:
        access = access_person(actor, person_id, kind="help_requests", action="read")
        view["help_requests"] = tuple(help_rows(access))
    if Scope.CHECKIN_STREAK in scopes:
        view["streak"] = get_streak(access_person(actor, person_id, kind="checkins", action="read"))
    if Scope.MEETINGS in scopes:
        access = access_person(actor, person_id, kind="meetings", action="read")
        view["meetings"] = tuple(list_saved(access, now=clock.now()))
        view["attendance"] = tuple(list_attendance(access))
    person = consents[0].person
    return SupporterView(
        person_id=person.public_id,
        preferred_name=person.preferred_name,
        time_zone=person.time_zone,
        consents=tuple(consents),
        covers=describe_scopes(scopes),
        not_available=describe_scopes([s for s in scopes if s in NOT_BUILT]),
        **view,
    )


def _progress(access: Access, episodes: list[EpisodeRow]) -> Progress:
    """The day count and stage exactly as the person's own Today shows them (people's one derivation,
    get_recovery_summary), with the current level of care."""
    summary = get_recovery_summary(access, episodes=episodes)
    return Progress(
        profile_fields(access)["recovery_started_on"],
        summary.day_number,
        summary.stage_label,
        current_level(episodes),
        summary.counted_from,
    )


def current_level(episodes: list[EpisodeRow]) -> str:
    """The level of care in force in the open episode, by its plain name."""
    for episode in episodes:
        if episode.discharged_on is None and episode.levels and episode.levels[-1].ended_on is None:
            level = episode.levels[-1]
            return f"{level.group or level.level_name} (ASAM {level.level})"
    return ""


@dataclass(frozen=True, slots=True)
class EmergencySummary:
    profile: dict[str, Any]
    level_of_care: str
    open_alerts: tuple[Alert, ...]
    disclosed_at: datetime


def get_emergency_summary(access: Access) -> EmergencySummary:
    """What a clinician sees once after breaking the glass: profile, current level of care and open
    alerts, the records that exist today. Callers passed people.access.break_glass."""
    return EmergencySummary(
        profile=profile_fields(access),
        level_of_care=current_level(list_episodes(access)),
        open_alerts=tuple(a for a in list_alerts(access) if a.state != State.RESOLVED),
        disclosed_at=clock.now(),
    )
