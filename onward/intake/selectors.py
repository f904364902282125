"""Reads of the intake queue, each audited (Part 2: the fact of a request is protected): the queue of
the programs the reader works, one request with its history, the §22 clocks and the waits."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from onward.accounts import selectors as accounts
from onward.accounts.models import Program, User
from onward.audit.services import record_event
from onward.clinical import teds
from onward.clinical.rules import admission_clocks as rule
from onward.core import clock
from onward.core.errors import NotFound
from onward.intake import permissions
from onward.intake.models import ContactAttempt, IntakeRequest, ProgramIntakeSettings, Stage, StageChange
from onward.intake.program_settings import get_program_settings, settings_by_program
from onward.intake.services import OPEN_STAGES

ACTIVE_ORDER = [Stage.RECEIVED, Stage.CONTACTING, Stage.PRESCREENED, Stage.WAITLISTED, Stage.EVALUATION_BOOKED]


@dataclass(frozen=True, slots=True)
class Wait:
    days: int
    code: int  # TEDS DAYWAIT (clinical-reference §17)

    @property
    def label(self) -> str:
        return teds.DAYWAIT_LABELS[self.code]


@dataclass(frozen=True, slots=True)
class Row:
    request: IntakeRequest
    clocks: tuple[rule.Clock, ...]  # empty when §22 does not apply
    to_evaluation: Wait | None
    to_admission: Wait | None
    waiting_days: int  # days since the request (local dates of the program)
    position: int | None  # place on the program's waitlist

    @property
    def flagged(self) -> bool:
        return self.request.injecting or self.request.pregnant

    @property
    def attention(self) -> list[rule.Clock]:
        return [c for c in self.clocks if c.needs_warning]


def local_date(moment: datetime, zone: str) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


def clocks_of(request: IntakeRequest, settings: ProgramIntakeSettings, *, now: datetime) -> tuple[rule.Clock, ...]:
    """The §22 clocks of a flagged request at a block-grant program; none otherwise or once it is
    referred elsewhere or closed."""
    if request.stage in (Stage.REFERRED, Stage.CLOSED) or not rule.applies(
        injecting=request.injecting, pregnant=request.pregnant, block_grant=settings.block_grant_clocks
    ):
        return ()
    zone = request.program.time_zone
    return rule.clocks(
        requested_at=request.requested_at,
        requested_on=local_date(request.requested_at, zone),
        now=now,
        today=local_date(now, zone),
        interim_offered_at=request.interim_offered_at,
        admitted_on=request.admitted_on,
        warn_days=settings.warn_days_before,  # Onward policy: not in clinical-reference
        warn_hours=settings.warn_hours_before,  # Onward policy: not in clinical-reference
    )


def _wait(start: date, end: date | None) -> Wait | None:
    if end is None or end < start:
        return None
    days = (end - start).days
    return Wait(days, teds.daywait(days))


def _rows(requests: list[IntakeRequest], *, now: datetime) -> list[Row]:
    settings = settings_by_program({r.program_id for r in requests})
    positions = waitlist_positions({r.program_id for r in requests})
    rows = []
    for r in requests:
        zone = r.program.time_zone
        asked = local_date(r.requested_at, zone)
        evaluated = local_date(r.evaluation_at, zone) if r.evaluation_at else None
        rows.append(
            Row(
                r,
                clocks_of(r, settings[r.program_id], now=now),
                _wait(asked, evaluated),
                _wait(asked, r.admitted_on),
                (local_date(now, zone) - asked).days,
                positions.get(r.pk),
            )
        )
    return rows


def waitlist_positions(program_ids: set[int]) -> dict[int, int]:
    """Each waitlisted request's place in its program's waitlist: pregnant women and people who inject
    drugs first (clinical-reference §22, 45 CFR 96.131; no order between them), then by time on the list."""
    waiting = IntakeRequest.objects.filter(program_id__in=program_ids, stage=Stage.WAITLISTED).values(
        "pk", "program_id", "injecting", "pregnant", "waitlisted_at"
    )
    ordered = sorted(
        waiting, key=lambda w: (w["program_id"], not (w["injecting"] or w["pregnant"]), w["waitlisted_at"], w["pk"])
    )
    places: dict[int, int] = {}
    count: Counter[int] = Counter()
    for w in ordered:
        count[w["program_id"]] += 1
        places[w["pk"]] = count[w["program_id"]]
    return places


def _base(program_ids: set[int]) -> QuerySet[IntakeRequest]:
    return IntakeRequest.objects.filter(program_id__in=program_ids).select_related("program__organization")


@dataclass(frozen=True, slots=True)
class Queue:
    rows: list[Row]
    closed: list[Row]  # the most recent admitted, referred or closed
    programs: list[Program]
    waits: dict[int, dict[str, object]]  # per program: the DAYWAIT buckets and medians


def queue_for(actor: User, *, program_id: UUID | None = None, recent_closed: int = 20) -> Queue:
    """The open requests of the programs whose queue `actor` works (flagged ones with a clock needing
    attention first, then by stage and age), the recently finished ones, and each program's waits.
    Audited: one read on each program's organization chain naming the requests shown."""
    ids = permissions.program_ids(actor, "read")
    programs = list(accounts.list_programs_for(actor, on=clock.now().date()).filter(pk__in=ids))
    if program_id is not None:
        programs = [p for p in programs if p.public_id == program_id]
        ids = {p.pk for p in programs}
    now = clock.now()
    open_rows = _rows(list(_base(ids).filter(stage__in=OPEN_STAGES)), now=now)
    open_rows.sort(
        key=lambda r: (
            not r.attention,
            ACTIVE_ORDER.index(Stage(r.request.stage)),
            r.position or 0,
            r.request.requested_at,
        )
    )
    done = list(_base(ids).exclude(stage__in=OPEN_STAGES).order_by("-requested_at")[:recent_closed])
    closed_rows = _rows(done, now=now)
    waits = program_waits(ids)
    for program in programs:
        shown = [str(r.request.public_id) for r in [*open_rows, *closed_rows] if r.request.program_id == program.pk]
        record_event(
            actor=actor,
            action="intake.queue.read",
            organization_slug=program.organization.slug,
            object_type="program",
            object_id=str(program.public_id),
            purpose=permissions.require(actor, program, "read"),
            detail={"requests": shown},
        )
    return Queue(open_rows, closed_rows, programs, waits)


def program_waits(program_ids: set[int]) -> dict[int, dict[str, object]]:
    """Per program, how long requests waited to an evaluation and to admission: counts per TEDS DAYWAIT
    bucket (clinical-reference §17) and the median days."""
    out: dict[int, dict[str, object]] = {}
    for pid in program_ids:
        out[pid] = {"evaluation": _buckets([]), "admission": _buckets([])}
    rows = IntakeRequest.objects.filter(program_id__in=program_ids).select_related("program")
    to_eval: dict[int, list[int]] = {pid: [] for pid in program_ids}
    to_admit: dict[int, list[int]] = {pid: [] for pid in program_ids}
    for r in rows.exclude(evaluation_at=None, admitted_on=None):
        zone = r.program.time_zone
        asked = local_date(r.requested_at, zone)
        if r.evaluation_at is not None:
            to_eval[r.program_id].append(max(0, (local_date(r.evaluation_at, zone) - asked).days))
        if r.admitted_on is not None:
            to_admit[r.program_id].append(max(0, (r.admitted_on - asked).days))
    for pid in program_ids:
        out[pid] = {"evaluation": _buckets(to_eval[pid]), "admission": _buckets(to_admit[pid])}
    return out


def _buckets(days: list[int]) -> dict[str, object]:
    counts = Counter(teds.daywait(d) for d in days)
    return {
        "buckets": [(teds.DAYWAIT_LABELS[code], counts.get(code, 0)) for code in sorted(teds.DAYWAIT_LABELS)],
        "median": median(days) if days else None,
        "count": len(days),
    }


@dataclass(frozen=True, slots=True)
class Detail:
    row: Row
    attempts: list[ContactAttempt]
    changes: list[StageChange]
    settings: ProgramIntakeSettings


def get_request(actor: User, request_id: UUID | str, *, action: str = "read") -> IntakeRequest:
    """One request of a program whose queue the actor works, or NotFound (the same for a wrong id).
    Not audited: the caller reads (`request_detail`) or writes (a service) and is audited there."""
    ids = permissions.program_ids(actor, action)
    found = _base(ids).filter(public_id=request_id).first()
    if found is None:
        raise NotFound("request")
    return found


def request_detail(actor: User, request_id: UUID | str) -> Detail:
    """One request with its contact attempts and every change of stage; audited as a read."""
    request = get_request(actor, request_id)
    purpose = permissions.require(actor, request.program, "read")
    record_event(
        actor=actor,
        action="intake.read",
        person=request.person,
        organization_slug=request.program.organization.slug,
        object_type="intake_request",
        object_id=str(request.public_id),
        purpose=purpose,
    )
    (row,) = _rows([request], now=clock.now())
    attempts = list(request.contact_attempts.select_related("made_by").order_by("made_at", "pk"))
    changes = list(request.stage_changes.select_related("changed_by").order_by("changed_at", "pk"))
    return Detail(row, attempts, changes, get_program_settings(request.program_id))


def public_programs() -> list[Program]:
    """The programs a visitor may send a request to."""
    return list(accounts.list_all_programs())


def clocks_needing_attention(actor: User) -> list[Row]:
    """Open flagged requests whose §22 clock is due soon or missed, for the worklist (most urgent first:
    missed, then due soonest). Audited as a read of the requests shown, on each program's chain."""
    ids = permissions.program_ids(actor, "read")
    if not ids:
        return []
    flagged = _base(ids).filter(stage__in=OPEN_STAGES).exclude(injecting=False, pregnant=False)
    rows = [r for r in _rows(list(flagged), now=clock.now()) if r.attention]
    rows.sort(key=lambda r: (not any(c.state == "missed" for c in r.attention), r.request.requested_at))
    by_program: dict[int, list[Row]] = {}
    for row in rows:
        by_program.setdefault(row.request.program_id, []).append(row)
    for shown in by_program.values():
        program = shown[0].request.program
        record_event(
            actor=actor,
            action="intake.clocks.read",
            organization_slug=program.organization.slug,
            object_type="program",
            object_id=str(program.public_id),
            purpose=permissions.require(actor, program, "read"),
            detail={"requests": [str(r.request.public_id) for r in shown]},
        )
    return rows


def flagged_open_rows(*, now: datetime) -> list[Row]:
    """Every open flagged request with its clocks, across programs (for the hourly warning job; not a
    read by anyone, so not audited)."""
    flagged = IntakeRequest.objects.filter(stage__in=OPEN_STAGES).exclude(injecting=False, pregnant=False)
    return _rows(list(flagged.select_related("program__organization")), now=now)
