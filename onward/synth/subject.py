"""One synthetic person as the generators build them up, area by area."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Stage:
    name: str  # detox, residential, php, iop, outpatient (pathways.LEVELS)
    starts_on: date
    ends_on: date  # exclusive: the next stage or the discharge starts that day


@dataclass
class EpisodePlan:
    admitted_on: date
    stages: list[Stage] = field(default_factory=list)
    discharged_on: date | None = None
    discharge_reason: int | None = None
    row: Any = None  # the people.Episode row once queued


@dataclass
class Subject:
    index: int
    program: Any = None  # the accounts.Program row
    team: dict[str, list[Any]] = field(default_factory=dict)  # role -> users
    account: Any = None  # the person's accounts.User row
    person: Any = None  # the people.Person row
    episodes: list[EpisodePlan] = field(default_factory=list)
    returns_to_use: list[date] = field(default_factory=list)
    missed: list[Any] = field(default_factory=list)  # care.Appointment rows marked missed (population.Row)
    consents: list[Any] = field(default_factory=list)  # consent.Consent rows (with .recipient, .ends_at)
    alerts: list[Any] = field(default_factory=list)  # alerts.Alert rows as each opened (notifications follow)
    raising: list[Any] = field(default_factory=list)  # synth.alerts.Raising, queued once the person is done
    open_alerts: dict[tuple[str, str], Any] = field(default_factory=dict)  # (kind, key) -> latest Raising
    appointments: list[Any] = field(default_factory=list)  # care.Appointment rows (population.Row), in time order
    medication: str = ""  # methadone or buprenorphine when the person takes one (medication generator)
    cows: list[Any] = field(default_factory=list)  # (DetoxEpisode row, last use, [(at, COWS total)]) per detox
    plan: Any = None  # the latest plans.PlanVersion row
    network: list[Any] = field(default_factory=list)  # plans.NetworkMember rows
    # Signed orders as (first day, day stopped or None): the check-in asks about medication on these days.
    orders: list[tuple[date, date | None]] = field(default_factory=list)
    # Local dates with meetings in the attendance log, and those meetings' public ids (meetings generator).
    meeting_days: dict[date, list[str]] = field(default_factory=dict)

    @property
    def is_demo_person(self) -> bool:
        return self.index == 0


def consent_in_force(consent: Any, at: datetime) -> bool:
    """Whether a synthetic consent row was in force at `at`: signed, not yet expired or revoked."""
    return bool(consent.signed_at <= at < consent.ends_at)
