"""Reads of withdrawal management and overdose safety, scoped by `access_person` (or, for the worklist,
to the people the actor treats, one audited read per person shown)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max, Q, QuerySet

from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.accounts.selectors import care_team_program_ids
from onward.alerts.models import Alert
from onward.alerts.selectors import list_open_alerts_for
from onward.audit.services import record_reads
from onward.clinical import care_levels
from onward.clinical.instruments import cows
from onward.clinical.result import Result
from onward.clinical.rules import overdose_window, withdrawal_timeline
from onward.core import clock
from onward.core.words import local_label, span_words
from onward.people.access import Access, Purpose, visible_people
from onward.people.models import Person
from onward.people.selectors import list_episodes
from onward.withdrawal import chart
from onward.withdrawal.models import (
    CowsEntry,
    DetoxDischarge,
    DetoxEpisode,
    DetoxState,
    Observation,
    OverdoseEvent,
    RiskEvent,
    SowsEntry,
    SymptomDose,
    WithdrawalSettings,
)
from onward.withdrawal.risk import local_today

COWS_INTERVAL_HOURS = 4  # clinical-reference §21 policy `cows_interval_hours` (the default of a program)
INTERVAL_SOURCE = "the program's COWS interval, an Onward policy setting, clinical-reference §21"
# Levels of care whose end is a §12 trigger: the 24-hour groups of clinical-reference §14.
DISCHARGE_TRIGGER_OF_GROUP = {
    care_levels.GROUP_LABELS[care_levels.Group.RESIDENTIAL]: "residential_discharge",
    care_levels.GROUP_LABELS[care_levels.Group.INPATIENT]: "inpatient_discharge",
}
_LAST_COWS = Max("cows_entries__observed_at", filter=Q(cows_entries__corrected_by__isnull=True))


def cows_interval_hours(program_id: int) -> int:
    """The program's COWS interval (its setting, else the §21 default)."""
    configured = WithdrawalSettings.objects.filter(program_id=program_id).values_list("cows_interval_hours", flat=True)
    return next(iter(configured), COWS_INTERVAL_HOURS)


def list_detox_episodes(access: Access) -> QuerySet[DetoxEpisode]:
    """The person's detox episodes, newest first."""
    return DetoxEpisode.objects.filter(person=access.person).order_by("-started_at")


def get_detox_episode(access: Access, episode_id: Any) -> DetoxEpisode | None:
    return DetoxEpisode.objects.filter(person=access.person, public_id=episode_id).select_related("person").first()


def get_open_detox_episode(access: Access) -> DetoxEpisode | None:
    return DetoxEpisode.objects.filter(person=access.person, state=DetoxState.OPEN).select_related("person").first()


def get_cows_entry(episode: DetoxEpisode, entry_id: Any) -> CowsEntry | None:
    return CowsEntry.objects.filter(episode=episode, public_id=entry_id).first()


def latest_cows(episode: DetoxEpisode) -> CowsEntry | None:
    """The episode's latest uncorrected COWS, with who charted it."""
    return (
        CowsEntry.objects.current()
        .filter(episode=episode)
        .select_related("recorded_by")
        .order_by("-observed_at", "-pk")
        .first()
    )


def has_risk_event(person: Person, *, trigger: str, on: date) -> bool:
    """Whether a risk window with this trigger already opened for the person on that date."""
    return RiskEvent.objects.filter(person=person, trigger=trigger, on=on).exists()


def get_overdose_event(access: Access, event_id: Any) -> OverdoseEvent | None:
    return OverdoseEvent.objects.filter(person=access.person, public_id=event_id).first()


@dataclass(frozen=True, slots=True)
class CowsDue:
    due_at: datetime
    overdue: bool
    reason: str


@dataclass(frozen=True, slots=True)
class DetoxView:
    episode: DetoxEpisode
    cows: list[CowsEntry]  # current entries, oldest first
    cows_hours: list[tuple[CowsEntry, float]]
    sows: list[SowsEntry]
    observations: list[Observation]
    doses: list[SymptomDose]
    discharge: DetoxDischarge | None
    timeline: Result
    chart: chart.Chart
    due: CowsDue | None


def cows_due(episode: DetoxEpisode, *, last_observed_at: datetime | None, interval_hours: int) -> CowsDue:
    """When the next COWS is due and why (the program's interval from the last COWS, or the start)."""
    since, what = (
        (last_observed_at, "the last COWS")
        if last_observed_at
        else (episode.started_at, "the start of withdrawal management")
    )
    due_at = since + timedelta(hours=interval_hours)
    now = clock.now()
    overdue = now > due_at
    zone = episode.person.time_zone  # the person's clock, with its abbreviation, never an ISO stamp
    stamp = local_label(due_at, zone)
    late = f"overdue by {span_words(now - due_at)}" if overdue else f"due {stamp}"
    every = f"A COWS every {interval_hours} hours during withdrawal management ({INTERVAL_SOURCE})"
    reason = (
        f"{every}; {what} was {local_label(since, zone)}, so the next was due {stamp}: {late}."
        if overdue
        else f"{every}; {what} was {local_label(since, zone)}: {late}."
    )
    return CowsDue(due_at, overdue, reason)


def get_detox_view(access: Access, episode: DetoxEpisode) -> DetoxView:
    """Everything on the detox page: current entries, the §11 timeline now, the chart, the COWS due."""
    entries = list(
        CowsEntry.objects.current().filter(episode=episode).select_related("recorded_by").order_by("observed_at")
    )
    discharge = DetoxDischarge.objects.filter(episode=episode).select_related("next_appointment").first()
    at = max(clock.now(), episode.last_use_at)
    timeline = withdrawal_timeline.describe(episode.last_use_at, at, episode.opioid)
    hours = [(e, (e.observed_at - episode.last_use_at) / timedelta(hours=1)) for e in entries]
    points = [
        {
            "hours": h,
            "total": e.total,
            "band_label": cows.LABELS[cows.Band(e.band)],
            "when": local_label(e.observed_at, access.person.time_zone),
        }
        for e, h in hours
    ]
    rows = [*timeline.details["rows"], timeline.details["seed"]]
    due = None
    if episode.state == DetoxState.OPEN:
        interval = cows_interval_hours(access.person.program_id)
        due = cows_due(episode, last_observed_at=entries[-1].observed_at if entries else None, interval_hours=interval)
    return DetoxView(
        episode=episode,
        cows=entries,
        cows_hours=hours,
        sows=list(SowsEntry.objects.current().filter(episode=episode).order_by("observed_at")),
        observations=list(Observation.objects.current().filter(episode=episode).order_by("observed_at")),
        doses=list(SymptomDose.objects.current().filter(episode=episode).order_by("given_at")),
        discharge=discharge,
        timeline=timeline,
        chart=chart.build(points, rows),
        due=due,
    )


@dataclass(frozen=True, slots=True)
class WindowEvent:
    trigger: str
    on: date
    reason: str
    source: str

    @property
    def label(self) -> str:
        return self.trigger.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class RiskSummary:
    on: date
    window: Result  # the OD-WINDOW rule's answer for today
    events: list[WindowEvent]  # newest first
    unreviewed: list[OverdoseEvent]  # overdose events no clinician has reviewed: high risk until then
    reviewed: list[OverdoseEvent]
    cli_command: str  # the same question on the command line

    @property
    def high_risk(self) -> bool:
        return bool(self.unreviewed) or self.window.band == overdose_window.Window.HIGH


def list_window_events(access: Access) -> list[WindowEvent]:
    """Every OD-WINDOW trigger of the person: recorded ones, and the end of a residential or inpatient
    level of care (a step to another group, or the episode's discharge) read from their episodes."""
    events = [
        WindowEvent(e.trigger, e.on, e.reason, e.get_source_display())
        for e in RiskEvent.objects.filter(person=access.person)
    ]
    for episode in list_episodes(access):
        for n, level in enumerate(episode.levels):
            trigger = DISCHARGE_TRIGGER_OF_GROUP.get(level.group)
            following = episode.levels[n + 1] if n + 1 < len(episode.levels) else None
            if trigger is None or level.ended_on is None or (following and following.group == level.group):
                continue
            how = f"stepped to {following.group.lower()}" if following else "discharged from the episode"
            events.append(
                WindowEvent(
                    trigger,
                    level.ended_on,
                    f"{level.group} care (ASAM {level.level}) ended on {level.ended_on.isoformat()}: {how}.",
                    "Levels of care",
                )
            )
    return sorted(events, key=lambda e: e.on, reverse=True)


def get_risk_summary(access: Access) -> RiskSummary:
    """The overdose risk window today (the OD-WINDOW rule over every trigger) and unreviewed overdoses."""
    today = local_today(access.person)
    events = list_window_events(access)
    window = overdose_window.window_on([overdose_window.Event(e.trigger, e.on) for e in events], on=today)
    overdoses = list(
        OverdoseEvent.objects.filter(person=access.person).select_related("review").order_by("-occurred_at")
    )
    unreviewed = [o for o in overdoses if not hasattr(o, "review")]
    args = ",".join(f"{e.trigger}@{e.on.isoformat()}" for e in sorted(events, key=lambda e: e.on))
    command = f"onward rule overdose-risk-window on={today.isoformat()}" + (f" events={args}" if args else "")
    return RiskSummary(today, window, events, unreviewed, [o for o in overdoses if hasattr(o, "review")], command)


@dataclass(frozen=True, slots=True)
class WorkRow:
    person_public_id: Any
    person_name: str
    what: str  # "cows_due", "cows_overdue", "alert"
    reason: str
    when: datetime
    link: str
    alert_id: str = ""  # for "alert" rows: the alert's public id and kind
    kind: str = ""
    person: Person | None = None  # who the row is about, to tell people apart (and reach them, for alerts)


def list_nurse_worklist(*, actor: User) -> list[WorkRow]:
    """A nurse's (or any clinician's) worklist: COWS due or overdue for people in withdrawal management,
    then open alerts; each row says why it is there. One audited read per person shown."""
    if actor.role in (Role.PERSON, Role.SUPPORTER):
        return []
    rows, _total = list_cows_due(actor=actor)
    return rows + [alert_row(alert) for alert in list_open_alerts_for(actor=actor)]


def list_cows_due(*, actor: User, limit: int | None = None) -> tuple[list[WorkRow], int]:
    """COWS due or overdue for the people in withdrawal management the actor treats, overdue first,
    then soonest due: the first `limit` (all if None) and how many in all. One query of the open
    episodes whatever their count; one audited read per person shown."""
    if actor.role in (Role.PERSON, Role.SUPPORTER):
        return [], 0
    today = clock.now().date()
    treated = visible_people(actor).filter(program_id__in=care_team_program_ids(actor, on=today))
    episodes = (
        DetoxEpisode.objects.filter(person__in=treated, state=DetoxState.OPEN)
        .select_related("person")
        .annotate(last_cows=_LAST_COWS)
        .order_by("started_at")
    )
    intervals = dict(WithdrawalSettings.objects.values_list("program_id", "cows_interval_hours"))
    found: list[tuple[WorkRow, Person]] = []
    for episode in episodes:
        person = episode.person
        due = cows_due(
            episode,
            last_observed_at=episode.last_cows,
            interval_hours=intervals.get(person.program_id, COWS_INTERVAL_HOURS),
        )
        row = WorkRow(
            person.public_id,
            person.preferred_name,
            "cows_overdue" if due.overdue else "cows_due",
            due.reason,
            due.due_at,
            f"/people/{person.public_id}/withdrawal/{episode.public_id}/",
            person=person,
        )
        found.append((row, person))
    found.sort(key=lambda pair: (pair[0].what != "cows_overdue", pair[0].when))
    shown = found if limit is None else found[:limit]
    people = {person.pk: person for _row, person in shown}.values()
    record_reads(actor=actor, people=people, action="assessments.listed", purpose_of=lambda _p: Purpose.TREATMENT)
    return [row for row, _person in shown], len(found)


def alert_row(alert: Alert) -> WorkRow:
    """An open alert as a worklist row: why it is there, and where to acknowledge or resolve it."""
    return WorkRow(
        alert.person.public_id,
        alert.person.preferred_name,
        "alert",
        f"Open {alert.get_severity_display().lower()} alert: " + " ".join(alert.reasons),  # no raw kind key
        alert.last_raised_at,
        f"/people/{alert.person.public_id}/alerts/#alert-{alert.public_id}",  # acknowledge or resolve there
        str(alert.public_id),
        alert.kind,
        alert.person,
    )


def list_overdue_episodes(*, at: datetime) -> list[tuple[DetoxEpisode, CowsDue]]:
    """Every open detox episode whose COWS is overdue at `at` (for the hourly job; no actor)."""
    intervals = dict(WithdrawalSettings.objects.values_list("program_id", "cows_interval_hours"))
    found: list[tuple[DetoxEpisode, CowsDue]] = []
    episodes = (
        DetoxEpisode.objects.filter(state=DetoxState.OPEN).select_related("person").annotate(last_cows=_LAST_COWS)
    )
    for episode in episodes:
        due = cows_due(
            episode,
            last_observed_at=episode.last_cows,
            interval_hours=intervals.get(episode.person.program_id, COWS_INTERVAL_HOURS),
        )
        if due.due_at < at:
            found.append((episode, due))
    return found


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes").replace("+00:00", "Z")
