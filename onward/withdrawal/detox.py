"""Writes of withdrawal management: detox episodes, COWS, SOWS, observations, symptom-medication doses
and their corrections. Every write is validated, audited and made in one transaction; scores come from
the clinical core (onward.clinical), never from here."""

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from onward.alerts.models import Severity
from onward.alerts.services import raise_alert
from onward.audit.services import record_event
from onward.clinical.instruments import cows, sows
from onward.clinical.result import Result
from onward.clinical.rules import lofexidine_dose
from onward.clinical.rules.withdrawal_timeline import Opioid
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.people.access import Access
from onward.withdrawal.access import ASSESSMENTS, DOSES
from onward.withdrawal.models import (
    CowsEntry,
    DetoxEpisode,
    DetoxState,
    Observation,
    SowsEntry,
    SymptomDose,
    SymptomMedication,
)

# COWS bands that raise an alert, and how urgent [Onward]: the issue asks for an alert from moderately
# severe; severe is the top band of clinical-reference §1.
ALERT_SEVERITY = {cows.Band.MODERATELY_SEVERE: Severity.MEDIUM, cows.Band.SEVERE: Severity.HIGH}
OBSERVATION_FIELDS = (
    "fluid_intake_ml",
    "pulse_bpm",
    "systolic_mmhg",
    "diastolic_mmhg",
    "temperature_c",
    "respiratory_rate",
)


def start_detox(
    *,
    access: Access,
    started_at: datetime,
    last_use_at: datetime,
    opioid: str,
    child_pugh: int | None = None,
    egfr: Decimal | None = None,
    esrd_or_dialysis: bool = False,
) -> DetoxEpisode:
    """Open withdrawal management for the person; one open detox episode at a time."""
    access.require(ASSESSMENTS, "write")
    problems = _times(started_at=started_at)
    if last_use_at.tzinfo is None:
        problems["last_use_at"] = "must include a time zone"
    elif "started_at" not in problems and last_use_at > started_at:
        problems["last_use_at"] = "must be on or before the start of withdrawal management"
    if opioid not in {o.value for o in Opioid}:
        problems["opioid"] = f"must be one of {', '.join(o.value for o in Opioid)}"
    if child_pugh is not None and child_pugh < lofexidine_dose.CHILD_PUGH_LOWEST:
        problems["child_pugh"] = f"a Child-Pugh score starts at {lofexidine_dose.CHILD_PUGH_LOWEST}"
    if egfr is not None and egfr < 0:
        problems["egfr"] = "must be 0 or more"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        if DetoxEpisode.objects.select_for_update().filter(person=access.person, state=DetoxState.OPEN).exists():
            raise Conflict("withdrawal management is already open for this person; complete it first")
        episode = DetoxEpisode.objects.create(
            person=access.person,
            started_at=started_at,
            last_use_at=last_use_at,
            opioid=opioid,
            child_pugh=child_pugh,
            egfr=egfr,
            esrd_or_dialysis=esrd_or_dialysis,
            started_by=access.actor,
        )
        _audit(access, "detox.started", "detox_episode", episode.public_id)
    return episode


def record_cows(
    *,
    access: Access,
    episode: DetoxEpisode,
    observed_at: datetime,
    items: dict[str, int],
    corrects: CowsEntry | None = None,
    reason: str = "",
) -> CowsEntry:
    """Score a COWS (clinical-reference §1) from the nurse's items and keep it; a moderately severe or
    severe band raises an alert for the care team. With `corrects`, it replaces that entry (with a reason)."""
    access.require(ASSESSMENTS, "write")
    problems = _times(observed_at=observed_at) | _correction(corrects, reason)
    if not problems and observed_at < episode.last_use_at:
        problems["observed_at"] = "must be after the last use"
    try:
        result = cows.score(items)
    except InvalidInput as error:
        problems |= {f"items.{name}": message for name, message in error.fields.items()}
    if problems:
        raise InvalidInput(problems)
    assert result.total is not None  # noqa: S101 - cows.score always totals
    assert result.band is not None  # noqa: S101 - and always bands
    with transaction.atomic():
        _lock_open(episode)
        _lock_uncorrected(CowsEntry, corrects)
        entry = CowsEntry.objects.create(
            episode=episode,
            observed_at=observed_at,
            items=dict(result.items),
            total=int(result.total),
            band=result.band,
            reference_version=result.version,
            recorded_by=access.actor,
            corrects=corrects,
            correction_reason=reason.strip(),
        )
        _audit(access, "cows.corrected" if corrects else "cows.recorded", "cows", entry.public_id, total=entry.total)
        alert = cows_alert(result, observed_at=observed_at, episode=episode)
        if alert is not None:
            raise_alert(person=access.person, **alert)
    return entry


def cows_alert(result: Result, *, observed_at: datetime, episode: Any) -> dict[str, Any] | None:
    """The `cows.high` alert a scored COWS raises (`raise_alert`'s arguments but the person): medium
    from the moderately severe band, high for the severe band, one per detox episode (`episode`: its
    `public_id` is read); None below."""
    severity = None if result.band is None else ALERT_SEVERITY.get(cows.Band(result.band))
    if severity is None:
        return None
    return {
        "kind": "cows.high",
        "severity": severity,
        "reasons": [
            f"COWS {result.total} of {result.max} at {_iso(observed_at)}: {result.band_label}.",
            *result.reasons,
            "An alert is raised from the moderately severe band (medium) and for the severe band (high) [Onward].",
        ],
        "source_rule": cows.SOURCE,
        "dedupe_key": str(episode.public_id),
    }


def record_sows(
    *,
    access: Access,
    episode: DetoxEpisode,
    observed_at: datetime,
    items: dict[str, int],
    corrects: SowsEntry | None = None,
    reason: str = "",
) -> SowsEntry:
    """Keep a SOWS the person rated themselves (clinical-reference §2: total only, no bands)."""
    access.require(ASSESSMENTS, "write")
    problems = _times(observed_at=observed_at) | _correction(corrects, reason)
    try:
        result = sows.score(items)
    except InvalidInput as error:
        problems |= {f"items.{name}": message for name, message in error.fields.items()}
    if problems:
        raise InvalidInput(problems)
    assert result.total is not None  # noqa: S101 - sows.score always totals
    with transaction.atomic():
        _lock_open(episode)
        _lock_uncorrected(SowsEntry, corrects)
        entry = SowsEntry.objects.create(
            episode=episode,
            observed_at=observed_at,
            items=dict(result.items),
            total=int(result.total),
            reference_version=result.version,
            recorded_by=access.actor,
            corrects=corrects,
            correction_reason=reason.strip(),
        )
        _audit(access, "sows.recorded", "sows", entry.public_id, total=entry.total)
    return entry


def record_observation(
    *,
    access: Access,
    episode: DetoxEpisode,
    observed_at: datetime,
    values: dict[str, Any],
    note: str = "",
    corrects: Observation | None = None,
    reason: str = "",
) -> Observation:
    """Keep fluid intake and vital signs as measured (at least one). No thresholds: the reference has none."""
    access.require(ASSESSMENTS, "write")
    problems = _times(observed_at=observed_at) | _correction(corrects, reason)
    problems |= {name: "is not an observation" for name in values if name not in OBSERVATION_FIELDS}
    given = {name: value for name, value in values.items() if name in OBSERVATION_FIELDS and value is not None}
    for name, value in given.items():
        if value <= 0:
            problems[name] = "must be more than 0"
    if not given:
        problems["fluid_intake_ml"] = "enter fluid intake or at least one vital sign"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        _lock_open(episode)
        _lock_uncorrected(Observation, corrects)
        observation = Observation.objects.create(
            episode=episode,
            observed_at=observed_at,
            note=note.strip(),
            recorded_by=access.actor,
            corrects=corrects,
            correction_reason=reason.strip(),
            **given,
        )
        _audit(access, "observation.recorded", "observation", observation.public_id)
    return observation


def check_lofexidine(
    episode: DetoxEpisode, *, tablets: int, given_at: datetime, methadone_coprescribed: bool, replacing: Any = None
) -> list[str]:
    """The LOFEX-CHECK warnings (clinical-reference §10) this dose would add to the episode's course."""
    earlier = SymptomDose.objects.current().filter(episode=episode).filter(medication=SymptomMedication.LOFEXIDINE)
    if replacing is not None:
        earlier = earlier.exclude(pk=replacing.pk)
    course = [lofexidine_dose.Dose(d.tablets or 0, d.given_at) for d in earlier]
    zone = ZoneInfo(episode.person.time_zone)
    options: dict[str, Any] = {
        "zone": zone,
        "methadone_coprescribed": methadone_coprescribed,
        "child_pugh": episode.child_pugh,
        "egfr": episode.egfr,
        "esrd_or_dialysis": episode.esrd_or_dialysis,
    }
    before = (
        set()
        if not course
        else {w["reason"] for w in lofexidine_dose.check_doses(course, **options).details["warnings"]}
    )
    after = lofexidine_dose.check_doses([*course, lofexidine_dose.Dose(tablets, given_at)], **options)
    return [w["reason"] for w in after.details["warnings"] if w["reason"] not in before]


def record_symptom_dose(
    *,
    access: Access,
    episode: DetoxEpisode,
    medication: str,
    given_at: datetime,
    tablets: int | None = None,
    dose_text: str = "",
    methadone_coprescribed: bool = False,
    override_reason: str = "",
    corrects: SymptomDose | None = None,
    reason: str = "",
) -> SymptomDose:
    """Keep a symptom-medication dose given. Lofexidine is checked against LOFEX-CHECK (§10): a dose that
    adds a warning needs `override_reason`; the warnings are kept with it. Other medications have no
    sourced limits (clinical-reference §19.7) and are recorded as given."""
    access.require(DOSES, "write")
    problems = _times(given_at=given_at) | _correction(corrects, reason)
    if medication not in SymptomMedication.values:
        problems["medication"] = f"must be one of {', '.join(SymptomMedication.values)}"
    elif medication == SymptomMedication.LOFEXIDINE:
        if tablets is None or tablets < 1:
            problems["tablets"] = "lofexidine is given in whole 0.18 mg tablets: 1 or more"
    elif not dose_text.strip():
        problems["dose_text"] = "say what was given, as ordered"
    if problems:
        raise InvalidInput(problems)
    warnings: list[str] = []
    if medication == SymptomMedication.LOFEXIDINE:
        assert tablets is not None  # noqa: S101 - checked above
        warnings = check_lofexidine(
            episode,
            tablets=tablets,
            given_at=given_at,
            methadone_coprescribed=methadone_coprescribed,
            replacing=corrects,
        )
        if warnings and not override_reason.strip():
            raise InvalidInput(
                {
                    "override_reason": "The lofexidine check warns: "
                    + " ".join(warnings)
                    + " Give the reason to proceed, or change the dose."
                }
            )
    with transaction.atomic():
        _lock_open(episode)
        _lock_uncorrected(SymptomDose, corrects)
        dose = SymptomDose.objects.create(
            episode=episode,
            medication=medication,
            given_at=given_at,
            tablets=tablets if medication == SymptomMedication.LOFEXIDINE else None,
            dose_text=dose_text.strip(),
            methadone_coprescribed=methadone_coprescribed,
            warnings=warnings,
            override_reason=override_reason.strip() if warnings else "",
            recorded_by=access.actor,
            corrects=corrects,
            correction_reason=reason.strip(),
        )
        _audit(access, "symptom_dose.recorded", "symptom_dose", dose.public_id, warnings=len(warnings))
    return dose


def _times(**moments: datetime) -> dict[str, str]:
    problems: dict[str, str] = {}
    now = clock.now()
    for name, moment in moments.items():
        if moment.tzinfo is None:
            problems[name] = "must include a time zone"
        elif moment > now:
            problems[name] = "cannot be in the future"
    return problems


def _correction(corrects: Any, reason: str) -> dict[str, str]:
    if corrects is not None and not reason.strip():
        return {"reason": "a correction needs a reason; it is kept with the history"}
    return {}


def _lock_open(episode: DetoxEpisode) -> None:
    if DetoxEpisode.objects.select_for_update().get(pk=episode.pk).state != DetoxState.OPEN:
        raise Conflict("this withdrawal management episode is completed; nothing more can be added")


def _lock_uncorrected(model: Any, corrects: Any) -> None:
    if corrects is not None and model.objects.select_for_update().filter(corrects=corrects).exists():
        raise Conflict("this entry was already corrected; correct the newer entry")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes").replace("+00:00", "Z")


def _audit(access: Access, action: str, object_type: str, object_id: Any, **detail: Any) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type=object_type,
        object_id=str(object_id),
        purpose=access.purpose,
        detail=detail or None,
    )
