"""Readiness assessments: the core's rules (BUP-READY, NTX-READY) applied with the program's settings,
stored with their inputs, result band, reasons, who and when (clinical-reference §7, §9)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from onward.audit.services import record_event
from onward.clinical.result import Result, jsonable
from onward.clinical.rules import bup_readiness, naltrexone_readiness
from onward.core.errors import InvalidInput
from onward.medication.models import Medication, ReadinessAssessment
from onward.medication.program_settings import core_settings
from onward.people.access import Access


@dataclass(frozen=True, slots=True)
class LastUse:
    kind: str
    at: datetime


def record_bup_readiness(
    *,
    access: Access,
    assessed_at: datetime,
    cows_total: int | None,
    cows_scored_at: datetime | None,
    objective_signs: bool,
    last_use: Sequence[LastUse],
) -> ReadinessAssessment:
    """A prescriber records buprenorphine readiness: latest COWS, objective signs, last use of each kind."""
    cows = None
    if cows_total is not None or cows_scored_at is not None:
        if cows_total is None or cows_scored_at is None:
            missing = "cows_total" if cows_total is None else "cows_scored_at"
            raise InvalidInput({missing: "give the COWS total and when it was scored together"})
        cows = bup_readiness.Cows(cows_total, cows_scored_at)
    result = bup_readiness.assess(
        assessed_at,
        cows,
        objective_signs=objective_signs,
        last_use=[bup_readiness.LastUse(u.kind, u.at) for u in last_use],
        settings=core_settings(access.person.program_id).bup,
    )
    return _store(access, Medication.BUPRENORPHINE, assessed_at, result)


def record_ntx_readiness(
    *,
    access: Access,
    assessed_at: datetime,
    last_opioid_at: datetime,
    last_agonist_moud_at: datetime | None,
    withdrawal_signs: bool,
    urine_opioid_positive: bool,
    challenge_result: str,
    challenge_at: datetime | None,
) -> ReadinessAssessment:
    """A prescriber records naltrexone readiness: opioid-free days, signs, urine and naloxone challenge."""
    challenge = None
    if challenge_result != naltrexone_readiness.ChallengeResult.NONE or challenge_at is not None:
        if challenge_at is None:
            raise InvalidInput({"challenge_at": "give the time the challenge was read"})
        challenge = naltrexone_readiness.Challenge(challenge_result, challenge_at)
    result = naltrexone_readiness.assess(
        assessed_at,
        last_opioid_at=last_opioid_at,
        withdrawal_signs=withdrawal_signs,
        urine_opioid_positive=urine_opioid_positive,
        last_agonist_moud_at=last_agonist_moud_at,
        challenge=challenge,
        settings=core_settings(access.person.program_id).ntx,
    )
    return _store(access, Medication.NALTREXONE, assessed_at, result)


def _store(access: Access, medication: str, assessed_at: datetime, result: Result) -> ReadinessAssessment:
    body: dict[str, Any] = result.to_json()
    assessment = ReadinessAssessment.objects.create(
        person=access.person,
        medication=medication,
        assessed_at=assessed_at,
        inputs=jsonable(result.items),
        band=result.band or "",
        band_label=result.band_label or "",
        reasons=list(result.reasons),
        flags=list(result.flags),
        result=body,
        recorded_by=access.actor,
    )
    record_event(
        actor=access.actor,
        action="medication.readiness.recorded",
        person=access.person,
        object_type="readiness",
        object_id=str(assessment.public_id),
        purpose=access.purpose,
        detail={"medication": medication, "band": result.band, "version": result.version},
    )
    return assessment
