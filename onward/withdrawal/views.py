"""Pages of withdrawal management and overdose safety. Each form posts without JavaScript; a refused
entry comes back with a message beside each field. Times typed in are the person's local time."""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.alerts.models import State
from onward.alerts.selectors import list_alerts
from onward.care.selectors import list_upcoming_appointments
from onward.clinical.instruments import cows, sows
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.people.access import Access, access_person, may
from onward.withdrawal import detox, discharge, risk, selectors
from onward.withdrawal.access import ASSESSMENTS, DOSES, OVERDOSE, REVIEW
from onward.withdrawal.models import OPIOID_CHOICES, MedicationDecision, OverdoseKind, SymptomMedication

COWS_ITEMS = [(name, name.replace("_", " ").capitalize(), sorted(ok)) for name, ok in cows.ALLOWED.items()]
SOWS_ITEMS = [(name, name.replace("_", " ").capitalize()) for name in sows.ITEMS]
STAFF_TRIGGER_CHOICES = [(t, t.replace("_", " ").capitalize()) for t in risk.STAFF_TRIGGERS]


@login_required
def detox_home(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's detox episodes, and starting one."""
    write = request.method == "POST"
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write" if write else "read")
    errors: dict[str, str] = {}
    if write:
        try:
            episode = detox.start_detox(
                access=access,
                started_at=_moment(request.POST, "started_at", access),
                last_use_at=_moment(request.POST, "last_use_at", access),
                opioid=request.POST.get("opioid", ""),
                child_pugh=_number(request.POST, "child_pugh", int),
                egfr=_number(request.POST, "egfr", Decimal),
                esrd_or_dialysis=request.POST.get("esrd_or_dialysis") == "on",
            )
            return redirect("withdrawal:detox", person_id=person_id, detox_id=episode.public_id)
        except (InvalidInput, Conflict) as error:
            errors = _problems(error)
    context = {
        "person": access.person,
        "episodes": selectors.list_detox_episodes(access),
        "can_write": may(access.actor, access.person, kind=ASSESSMENTS, action="write"),
        "opioids": OPIOID_CHOICES,
        "errors": errors,
        "values": request.POST,
    }
    return render(request, "withdrawal/detox_list.html", context, status=422 if errors else 200)


@login_required
def detox_page(request: HttpRequest, person_id: UUID, detox_id: UUID) -> HttpResponse:
    """One detox episode: the COWS chart and table, entries, doses, and completion."""
    form = request.POST.get("form", "") if request.method == "POST" else ""
    kind = DOSES if form == "dose" else ASSESSMENTS
    access = access_person(request.user, person_id, kind=kind, action="write" if form else "read")
    episode = selectors.get_detox_episode(access, detox_id)
    if episode is None:
        raise Http404("detox episode")
    errors: dict[str, str] = {}
    if form:
        handler = HANDLERS.get(form)
        if handler is None:
            raise Http404("form")
        try:
            done = handler(request, access, episode)
            messages.success(request, done)
            return redirect("withdrawal:detox", person_id=person_id, detox_id=detox_id)
        except (InvalidInput, Conflict) as error:
            errors = _problems(error)
    actor = access.actor
    view = selectors.get_detox_view(access, episode)
    open_alerts = [
        a for a in list_alerts(access).exclude(state=State.RESOLVED) if a.kind.startswith(("cows.", "detox."))
    ]
    context = {
        "person": access.person,
        "view": view,
        "chart": view.chart,
        "alerts": open_alerts,
        "form": form,
        "errors": errors,
        "values": request.POST,
        "cows_items": [
            (n, label, allowed, errors.get(f"items.{n}", ""), request.POST.get(n, "") if form == "cows" else "")
            for n, label, allowed in COWS_ITEMS
        ],
        "sows_items": [
            (
                n,
                label,
                sorted(sows.ALLOWED),
                errors.get(f"items.{n}", ""),
                request.POST.get(n, "") if form == "sows" else "",
            )
            for n, label in SOWS_ITEMS
        ],
        "medications": SymptomMedication.choices,
        "decisions": MedicationDecision.choices,
        "appointments": list(list_upcoming_appointments(access, since=clock.now())),
        "can_write": may(actor, access.person, kind=ASSESSMENTS, action="write"),
        "can_dose": may(actor, access.person, kind=DOSES, action="write"),
        "zone": access.person.time_zone,
    }
    return render(request, "withdrawal/detox.html", context, status=422 if errors else 200)


def _record_cows(request: HttpRequest, access: Access, episode: Any) -> str:
    items = {name: _item(request.POST, name) for name in cows.ALLOWED}
    entry = detox.record_cows(
        access=access, episode=episode, observed_at=_moment(request.POST, "observed_at", access), items=items
    )
    return f"COWS recorded: {entry.total} of {cows.MAX_TOTAL}, {cows.LABELS[cows.Band(entry.band)].lower()}."


def _record_sows(request: HttpRequest, access: Access, episode: Any) -> str:
    items = {name: _item(request.POST, name) for name in sows.ITEMS}
    entry = detox.record_sows(
        access=access, episode=episode, observed_at=_moment(request.POST, "observed_at", access), items=items
    )
    return f"SOWS recorded: {entry.total} of {sows.MAX_TOTAL}."


def _record_observation(request: HttpRequest, access: Access, episode: Any) -> str:
    values = {name: _number(request.POST, name, int) for name in detox.OBSERVATION_FIELDS if name != "temperature_c"}
    values["temperature_c"] = _number(request.POST, "temperature_c", Decimal)
    detox.record_observation(
        access=access,
        episode=episode,
        observed_at=_moment(request.POST, "observed_at", access),
        values=values,
        note=request.POST.get("note", ""),
    )
    return "Observation recorded."


def _record_dose(request: HttpRequest, access: Access, episode: Any) -> str:
    dose = detox.record_symptom_dose(
        access=access,
        episode=episode,
        medication=request.POST.get("medication", ""),
        given_at=_moment(request.POST, "given_at", access),
        tablets=_number(request.POST, "tablets", int),
        dose_text=request.POST.get("dose_text", ""),
        methadone_coprescribed=request.POST.get("methadone_coprescribed") == "on",
        override_reason=request.POST.get("override_reason", ""),
    )
    return "Dose recorded" + (" with the warnings and your reason." if dose.warnings else ".")


def _complete(request: HttpRequest, access: Access, episode: Any) -> str:
    done = discharge.complete_detox(
        access=access,
        episode=episode,
        completed_on=_day(request.POST, "completed_on"),
        naloxone_recorded=request.POST.get("naloxone_recorded") == "on",
        naloxone_note=request.POST.get("naloxone_note", ""),
        medication_decision=request.POST.get("medication_decision", ""),
        decision_note=request.POST.get("decision_note", ""),
        next_appointment_id=request.POST.get("next_appointment_id") or None,
        exception_reason=request.POST.get("exception_reason", ""),
    )
    if discharge.flag_reasons(done):
        return "Withdrawal management completed. The exception was flagged to the care team."
    return "Withdrawal management completed safely."


HANDLERS: dict[str, Callable[[HttpRequest, Access, Any], str]] = {
    "cows": _record_cows,
    "sows": _record_sows,
    "observation": _record_observation,
    "dose": _record_dose,
    "complete": _complete,
}


@login_required
def overdose_page(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The overdose risk window and overdose events: shown to the person and the team; staff record here."""
    form = request.POST.get("form", "") if request.method == "POST" else ""
    action = {"": "read", "event": "write", "review": REVIEW}.get(form)
    if form == "trigger":
        action = REVIEW if request.POST.get("trigger") in risk.CLINICIAN_TRIGGERS else "write"
    if action is None:
        raise Http404("form")
    access = access_person(request.user, person_id, kind=OVERDOSE, action=action)
    errors: dict[str, str] = {}
    if form:
        try:
            messages.success(request, _overdose_form(request, access, form))
            return redirect("withdrawal:overdose", person_id=person_id)
        except (InvalidInput, Conflict) as error:
            errors = _problems(error)
    actor: User = access.actor
    summary = selectors.get_risk_summary(access)
    context = {
        "person": access.person,
        "summary": summary,
        "window": summary.window,
        "form": form,
        "errors": errors,
        "values": request.POST,
        "kinds": OverdoseKind.choices,
        "triggers": STAFF_TRIGGER_CHOICES,
        "can_write": may(actor, access.person, kind=OVERDOSE, action="write"),
        "can_review": may(actor, access.person, kind=OVERDOSE, action=REVIEW),
        "alerts": [a for a in list_alerts(access).exclude(state=State.RESOLVED) if a.kind == "overdose.event"]
        if may(actor, access.person, kind="alerts", action="read")
        else [],
        "zone": access.person.time_zone,
        "safety_text": risk.SAFETY_TEXT,
    }
    return render(request, "withdrawal/overdose.html", context, status=422 if errors else 200)


def _overdose_form(request: HttpRequest, access: Access, form: str) -> str:
    data = request.POST
    if form == "event":
        risk.record_overdose_event(
            access=access,
            kind=data.get("kind", ""),
            occurred_at=_moment(data, "occurred_at", access),
            location=data.get("location", ""),
            witness=data.get("witness", ""),
            naloxone_used=data.get("naloxone_used") == "on",
            ems_called=data.get("ems_called") == "on",
            follow_up=data.get("follow_up", ""),
        )
        return "Recorded. The care team has an alert; re-supply naloxone and make a follow-up contact."
    if form == "review":
        event = selectors.get_overdose_event(access, data.get("event_id", ""))
        if event is None:
            raise Http404("overdose event")
        risk.review_overdose_event(access=access, event=event, note=data.get("note", ""))
        return "Review recorded."
    risk.record_risk_event(
        access=access, trigger=data.get("trigger", ""), on=_day(data, "on"), reason=data.get("reason", "")
    )
    return "Recorded; the overdose risk window below includes it."


def _moment(data: Any, name: str, access: Access) -> datetime:
    """A datetime-local value, read in the person's time zone."""
    raw = data.get(name, "")
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=ZoneInfo(access.person.time_zone))
    except ValueError:
        raise InvalidInput({name: "enter a date and time"}) from None


def _day(data: Any, name: str) -> date:
    try:
        return date.fromisoformat(data.get(name, ""))
    except ValueError:
        raise InvalidInput({name: "enter a date"}) from None


def _number(data: Any, name: str, kind: Callable[[str], Any]) -> Any:
    raw = data.get(name, "").strip()
    if not raw:
        return None
    try:
        return kind(raw)
    except (ValueError, InvalidOperation):
        raise InvalidInput({name: "enter a number"}) from None


def _item(data: Any, name: str) -> Any:
    raw = data.get(name, "")
    return int(raw) if raw.isdigit() else raw


def _problems(error: Exception) -> dict[str, str]:
    if isinstance(error, InvalidInput):
        return error.fields
    return {"general": str(getattr(error, "message", error))}
