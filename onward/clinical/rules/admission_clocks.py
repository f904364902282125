"""Block-grant admission clocks for a request for treatment (clinical-reference §22 [2nd]).

Programs funded by the Substance Use Prevention, Treatment, and Recovery Services Block Grant:
- people who inject drugs (45 CFR 96.126(b); 42 USC 300x-23): admitted no later than **14 days** after
  the request, or no later than **120 days** after it if no program has capacity and **interim
  services** are made available no later than **48 hours** after the request;
- pregnant women receive preference in admission (45 CFR 96.131). §22 [Onward]: a request flagged as
  injecting *or* pregnant shows these clocks; no order of preference beyond "pregnant women and people
  who inject drugs first" is encoded.

Day clocks count calendar days from the request's local date: "no later than 14 days after" a request
made on 1 March is met by an admission on 15 March and missed from 16 March. The 48-hour clock counts
hours from the moment of the request. How long before a deadline the program is warned is not in the
reference: it is an Onward policy setting passed in (`warn_days`, `warn_hours`).

Each clock's state: `met` (done by the deadline), `met_late` (done after it), `open` (not done, not yet
in the warning window), `due_soon` (in the window), `missed` (past the deadline, not done), and for the
120-day clock `unavailable` (interim services were not offered within 48 hours, so only 14 days apply).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from onward.clinical.errors import InvalidInput

T = TypeVar("T", date, datetime)

SOURCE = "clinical-reference §22 (45 CFR 96.126(b), 96.131) [2nd]"

ADMIT_DAYS = 14  # clinical-reference §22: admit no later than 14 days after the request
ADMIT_WITH_INTERIM_DAYS = 120  # clinical-reference §22: or 120 days with interim services
INTERIM_HOURS = 48  # clinical-reference §22: interim services no later than 48 hours after the request


class ClockKey(StrEnum):
    INTERIM_48H = "interim_48h"
    ADMIT_14D = "admit_14d"
    ADMIT_120D = "admit_120d"


class State(StrEnum):
    MET = "met"
    MET_LATE = "met_late"
    OPEN = "open"
    DUE_SOON = "due_soon"
    MISSED = "missed"
    UNAVAILABLE = "unavailable"


LABELS = {
    ClockKey.INTERIM_48H: "Interim services within 48 hours",
    ClockKey.ADMIT_14D: "Admission within 14 days",
    ClockKey.ADMIT_120D: "Admission within 120 days (with interim services)",
}
STATE_LABELS = {
    State.MET: "met",
    State.MET_LATE: "met late",
    State.OPEN: "open",
    State.DUE_SOON: "due soon",
    State.MISSED: "missed",
    State.UNAVAILABLE: "not available: interim services were not offered within 48 hours",
}


@dataclass(frozen=True, slots=True)
class Clock:
    key: ClockKey
    due: datetime | date  # a moment for the 48-hour clock, a local date for the day clocks
    state: State

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def needs_warning(self) -> bool:
        return self.state in (State.DUE_SOON, State.MISSED)


def applies(*, injecting: bool, pregnant: bool, block_grant: bool) -> bool:
    """The clocks run for a request flagged injecting or pregnant at a program with block-grant funding."""
    return block_grant and (injecting or pregnant)


def clocks(
    *,
    requested_at: datetime,
    requested_on: date,
    now: datetime,
    today: date,
    interim_offered_at: datetime | None,
    admitted_on: date | None,
    warn_days: int,
    warn_hours: int,
) -> tuple[Clock, ...]:
    """The three clocks of one flagged request. `requested_on` and `today` are local dates of the
    program; `requested_at`, `now` and `interim_offered_at` are aware moments."""
    problems: dict[str, str] = {}
    if requested_at.tzinfo is None or now.tzinfo is None:
        problems["requested_at"] = "moments must carry a time zone"
    if interim_offered_at is not None and interim_offered_at.tzinfo is None:
        problems["interim_offered_at"] = "must carry a time zone"
    if warn_days < 0:
        problems["warn_days"] = "must be 0 or more"
    if warn_hours < 0:
        problems["warn_hours"] = "must be 0 or more"
    if admitted_on is not None and admitted_on < requested_on:
        problems["admitted_on"] = "must be on or after the request"
    if problems:
        raise InvalidInput(problems)
    interim_due = requested_at + timedelta(hours=INTERIM_HOURS)
    interim = Clock(
        ClockKey.INTERIM_48H,
        interim_due,
        _state(done=interim_offered_at, due=interim_due, now=now, warn=timedelta(hours=warn_hours)),
    )
    admit_due = requested_on + timedelta(days=ADMIT_DAYS)
    admit = Clock(
        ClockKey.ADMIT_14D,
        admit_due,
        _state(done=admitted_on, due=admit_due, now=today, warn=timedelta(days=warn_days)),
    )
    long_due = requested_on + timedelta(days=ADMIT_WITH_INTERIM_DAYS)
    if interim.state is State.MET:
        long_state = _state(done=admitted_on, due=long_due, now=today, warn=timedelta(days=warn_days))
    elif interim.state in (State.OPEN, State.DUE_SOON):
        long_state = State.OPEN  # still possible: interim services may yet be offered in time
        if admitted_on is not None:
            long_state = _state(done=admitted_on, due=long_due, now=today, warn=timedelta(days=warn_days))
    else:
        long_state = State.UNAVAILABLE
    return (interim, admit, Clock(ClockKey.ADMIT_120D, long_due, long_state))


def _state(*, done: T | None, due: T, now: T, warn: timedelta) -> State:
    if done is not None:
        return State.MET if done <= due else State.MET_LATE
    if now > due:
        return State.MISSED
    if now >= due - warn:
        return State.DUE_SOON
    return State.OPEN
