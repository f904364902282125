"""Reads of check-ins: the person's own lists of triggers and warning signs, the day's check-in, its
history, the stretch of days checked in, and the days the early-warning engine reads."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Subquery

from onward.accounts.models import User
from onward.audit.services import record_reads
from onward.checkins.models import CheckIn, CheckInRevision
from onward.clinical import early_warning
from onward.core import clock
from onward.core.errors import Forbidden
from onward.core.permissions import Relationship
from onward.medication import selectors as medication
from onward.medication.models import DoseEvent
from onward.meetings import selectors as meetings
from onward.meetings.models import Meeting
from onward.people import selectors as people_selectors
from onward.people.access import Access, Purpose, aggregate_program_ids, role_grant, visible_people
from onward.people.models import Person
from onward.plans.models import PlanVersion
from onward.plans.selectors import latest_plan_of

# clinical-reference §15 [seed]: the trigger kinds (mental, emotional, environmental [seed]; social and
# physical [Onward]) and the seed warning signs. A person's own relapse-prevention plan (onward/plans)
# adds their own words: their triggers under each kind, their own warning signs as further choices.
TRIGGER_KINDS: tuple[tuple[str, str], ...] = (
    ("mental", "Mental (thoughts, memories)"),
    ("emotional", "Emotional (feelings)"),
    ("environmental", "Environmental (places, things)"),
    ("social", "Social (people, events)"),
    ("physical", "Physical (pain, tiredness, illness)"),
)
WARNING_SIGNS: tuple[tuple[str, str], ...] = (
    ("irritability", "Irritability"),
    ("isolation", "Isolating from others"),
    ("romanticizing", "Thinking fondly about past use"),
)


_UNREAD: Any = object()


def list_own_trigger_kinds(person: Person, *, plan: PlanVersion | None = _UNREAD) -> tuple[tuple[str, str], ...]:
    """The triggers a person picks from in a check-in: the §15 kinds, each labelled with the person's
    own triggers of that kind from their current plan (`plan`, when the caller has read it)."""
    plan = _current_plan(person) if plan is _UNREAD else plan
    own: dict[str, list[str]] = {}
    for trigger in plan.triggers if plan else []:
        own.setdefault(trigger.get("kind", ""), []).append(str(trigger.get("trigger", "")).strip())
    return tuple(
        (key, f"{label}: {', '.join(t for t in own[key] if t)}" if any(own.get(key, [])) else label)
        for key, label in TRIGGER_KINDS
    )


def list_own_warning_signs(person: Person, *, plan: PlanVersion | None = _UNREAD) -> tuple[tuple[str, str], ...]:
    """The warning signs a person picks from: the §15 seed signs, then the person's own from their plan
    (kept as `own:` and their words, so a check-in records what they chose)."""
    plan = _current_plan(person) if plan is _UNREAD else plan
    seed = {label.casefold() for _, label in WARNING_SIGNS}
    own = [str(sign).strip() for sign in (plan.warning_signs if plan else [])]
    extra = tuple(dict.fromkeys((f"own:{sign}", sign) for sign in own if sign and sign.casefold() not in seed))
    return WARNING_SIGNS + extra


def current_plan(person: Person) -> PlanVersion | None:
    return _current_plan(person)


def _current_plan(person: Person) -> PlanVersion | None:
    """The person's latest plan version, read for their own check-in form (the check-in's access covers it)."""
    return latest_plan_of(person, fields=("triggers", "warning_signs"))


def list_checkins(access: Access) -> QuerySet[CheckIn]:
    """The person's check-ins, newest day first (callers passed access_person for `checkins` read).
    The answers need `checkin_answers` (the person and the care team): the `checkins` read row also
    grants a supporter under scope `checkin_streak`, which covers the streak, "not your answers"
    (consent DESCRIPTIONS), so that grant alone is refused here, for every page and endpoint."""
    if not access.allows("checkin_answers", "read"):
        raise Forbidden("a supporter's consent covers the check-in streak only")
    return CheckIn.objects.filter(person=access.person).order_by("-local_date")


def get_checkin(access: Access, checkin_id: Any) -> CheckIn | None:
    return list_checkins(access).filter(public_id=checkin_id).first()


def get_checkin_on(access: Access, day: date) -> CheckIn | None:
    return list_checkins(access).filter(local_date=day).first()


def list_revisions(access: Access, checkin: CheckIn) -> QuerySet[CheckInRevision]:
    """Every submission of one day's check-in, oldest first, with who sent it."""
    return (
        CheckInRevision.objects.filter(person=access.person, checkin=checkin)
        .select_related("recorded_by")
        .order_by("version")
    )


@dataclass(frozen=True, slots=True)
class Streak:
    days: int  # consecutive local days with a check-in, ending today or, before today's, yesterday
    last_on: date | None
    checked_in_today: bool
    today: date


def get_streak(access: Access) -> Streak:
    """The current stretch of days checked in, on the person's local date (one query)."""
    today = clock.today_in(access.person.time_zone)
    dates = list(
        CheckIn.objects.filter(person=access.person, local_date__lte=today)
        .order_by("-local_date")
        .values_list("local_date", flat=True)[:400]
    )
    return streak_from(dates, today=today)


def streak_from(dates: list[date], *, today: date) -> Streak:
    """Count back from today (or from yesterday when today has no check-in yet) while days are consecutive."""
    present = set(dates)
    checked_in_today = today in present
    day = today if checked_in_today else today - timedelta(days=1)
    count = 0
    while day in present:
        count += 1
        day -= timedelta(days=1)
    return Streak(count, max(present, default=None), checked_in_today, today)


def engine_days(
    person: Person, *, today: date, settings: early_warning.Settings
) -> tuple[list[early_warning.Day], date | None]:
    """The check-ins the §21 windows of `settings` look at (as engine days) and the person's first
    check-in date. The windows reach `early_warning.lookback_days(settings)` back: 35 days with the
    defaults (7 recent + 28 before, craving_rising); a program's own settings may reach further."""
    since = today - timedelta(days=early_warning.lookback_days(settings))
    own = CheckIn.objects.filter(person=person)
    # Besides the window: the last check-in, and the last contact, from before it. A gap or a stretch
    # without contact that began before the window keeps the date it began on (its evidence key), so it
    # is never raised twice. One query: both are subqueries, as is the first check-in's date.
    before = own.filter(local_date__lte=since).order_by("-local_date").values("pk")
    rows = list(
        own.filter(
            Q(local_date__gt=since, local_date__lte=today)
            | Q(pk=Subquery(before[:1]))
            | Q(pk=Subquery(before.filter(support_contact=True)[:1]))
        )
        .annotate(first_on=Subquery(own.order_by("local_date").values("local_date")[:1]))
        .order_by("local_date")
        .only(*ENGINE_FIELDS)
    )
    if not rows:  # nothing up to today: a first check-in, if any, is dated later
        return [], own.order_by("local_date").values_list("local_date", flat=True).first()
    return [engine_day(row) for row in rows], rows[0].first_on


def engine_meeting_days(person: Person, *, today: date, settings: early_warning.Settings) -> set[date]:
    """The local dates in the engine's window with a meeting in the person's attendance log: contact
    for §21 isolation_days even on a day without a check-in."""
    since = today - timedelta(days=early_warning.lookback_days(settings))
    return meetings.attended_days(person, since=since, today=today)


def on_medication(person: Person, day: date) -> bool:
    """Whether a signed, unstopped medication order covers the person's local date `day`: the check-in
    asks about medication only then."""
    return medication.on_medication(person, day)


def doses_logged_on(person: Person, day: date) -> list[DoseEvent]:
    """The dose log's current entries for the person's local date (shown beside the medication question)."""
    return medication.doses_logged_on(person, day)


def meeting_choices(person: Person, day: date) -> tuple[tuple[str, str], ...]:
    """The meetings a check-in may log as attended on `day`: the person's saved meetings still listed in
    their feed, and any meeting already in the attendance log that day (so an edit can keep it)."""
    return tuple(
        (str(m.public_id), m.name or "A saved meeting") for m in meetings.saved_or_attended_meetings(person, day)
    )


def meetings_logged_on(person: Person, day: date) -> set[str]:
    """Public ids of the meetings in the person's attendance log for `day`."""
    return meetings.attended_meeting_ids(person, day)


def meetings_by_id(public_ids: list[str]) -> list[Meeting]:
    return meetings.meetings_by_public_id(public_ids)


# What `engine_day` reads: loading only these keeps the evaluation after every check-in cheap.
ENGINE_FIELDS = (
    "local_date",
    "craving",
    "sleep_hours",
    "warning_signs",
    "warning_signs_other",
    "support_contact",
    "used",
    "substances",
)


def engine_day(checkin: CheckIn) -> early_warning.Day:
    signs = tuple(checkin.warning_signs) + (
        (f"other: {checkin.warning_signs_other}",) if checkin.warning_signs_other else ()
    )
    return early_warning.Day(
        on=checkin.local_date,
        craving=checkin.craving,
        sleep_hours=checkin.sleep_hours,
        warning_signs=signs,
        support_contact=checkin.support_contact,
        used=checkin.used,
        substances=tuple(checkin.substances),
    )


RATE_WINDOW_DAYS = 7  # the analyst's check-in counts: a week, so every weekday counts once


def count_people_by_days_checked_in(*, actor: User, today: date) -> dict[int, int]:
    """For the people in open episodes of the programs whose counts the actor may read: how many checked
    in on 0, 1, … 7 of the seven days before `today` (every number present). Counts only, audited once per
    organization; the page suppresses small cells."""
    programs = aggregate_program_ids(actor)
    if not programs:
        return {}
    in_care = set(people_selectors.people_in_open_episodes(programs))
    window = (today - timedelta(days=RATE_WINDOW_DAYS), today - timedelta(days=1))
    days = (
        CheckIn.objects.filter(person_id__in=in_care, local_date__range=window)
        .values_list("person_id")
        .annotate(n=Count("pk"))
    )
    per_person = dict(days)
    counts = dict.fromkeys(range(RATE_WINDOW_DAYS + 1), 0)
    for person_id in in_care:
        counts[per_person.get(person_id, 0)] += 1
    people_selectors.audit_aggregate_read(actor, programs, "aggregates.checkins.read")
    return counts


def person_ids_checking_in() -> QuerySet[CheckIn, int]:
    """Every person with at least one check-in (for the daily evaluation)."""
    return CheckIn.objects.values_list("person_id", flat=True).distinct()


def days_checked_in(person_ids: list[int], days: set[date]) -> set[tuple[int, date]]:
    """(person id, local date) of every check-in among these people on these dates (for reminders, run
    by the worker for no actor: nothing is shown to anyone)."""
    rows = CheckIn.objects.filter(person_id__in=person_ids, local_date__in=days).values_list("person_id", "local_date")
    return set(rows)


def last_checkins(*, actor: User, people: Sequence[Person]) -> dict[int, date]:
    """The local date of each shown person's latest check-in (people without one are left out), for a
    staff list: one grouped query, and one audited `checkins.listed` read per person shown. Empty when the
    actor's role does not read check-ins as the care team."""
    if not people or role_grant(actor, "checkins", "read") is not Relationship.TEAM:
        return {}
    rows = (
        CheckIn.objects.filter(person_id__in=[p.pk for p in people], person__in=visible_people(actor))
        .values("person_id")
        .annotate(last=Max("local_date"))
        .values_list("person_id", "last")
    )
    found = dict(rows)
    record_reads(actor=actor, people=people, action="checkins.listed", purpose_of=lambda _person: Purpose.TREATMENT)
    return found
