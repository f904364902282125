"""Pages of withdrawal management and overdose safety. Each form posts without JavaScript; a refused
entry comes back with a message beside each field. Times typed in are the person's local time: one in
the spring gap is refused, one in the autumn fold is asked about (see onward.core.forms.local_moment)."""

from collections.abc import Callable
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.alerts.models import State
from onward.alerts.selectors import list_alerts
from onward.care.selectors import list_upcoming_appointments
from onward.clinical.instruments import cows, sows
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.core.forms import LOCAL_MOMENT_FORMAT, LocalTimeForm, add_field_errors
from onward.people.access import Access, access_person, may
from onward.withdrawal import detox, discharge, risk, scale_words, selectors
from onward.withdrawal.access import ASSESSMENTS, DOSES, OVERDOSE, REVIEW
from onward.withdrawal.forms import (
    CompleteDetoxForm,
    CowsForm,
    ObservationForm,
    OverdoseEventForm,
    ReviewForm,
    RiskEventForm,
    SowsForm,
    StartDetoxForm,
    SymptomDoseForm,
)
from onward.withdrawal.models import OPIOID_CHOICES, MedicationDecision, OverdoseKind, SymptomMedication

COWS_ITEMS = scale_words.cows_items()
SOWS_ITEMS = scale_words.sows_items()
SCALE_LABELS = {"cows": {n: label for n, label, *_ in COWS_ITEMS}, "sows": {n: label for n, label, _ in SOWS_ITEMS}}
STAFF_TRIGGER_CHOICES = [(t, t.replace("_", " ").capitalize()) for t in risk.STAFF_TRIGGERS]


@login_required
def detox_home(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's detox episodes, and starting one."""
    write = request.method == "POST"
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write" if write else "read")
    form = StartDetoxForm(request.POST if write else None, zone=access.person.time_zone)
    if write and form.is_valid():
        try:
            episode = detox.start_detox(access=access, **form.cleaned_data)
            return redirect("withdrawal:detox", person_id=person_id, detox_id=episode.public_id)
        except (InvalidInput, Conflict) as error:
            _add_problem(form, error)
    errors = _errors(form)
    context = {
        "person": access.person,
        "episodes": selectors.list_detox_episodes(access),
        "can_write": may(access.actor, access.person, kind=ASSESSMENTS, action="write"),
        "opioids": OPIOID_CHOICES,
        "errors": errors,
        "folds": form.folds,
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
    folds: dict[str, list[tuple[str, str]]] = {}
    if form:
        handler = HANDLERS.get(form)
        if handler is None:
            raise Http404("form")
        form_class, record = handler
        bound = form_class(request.POST, zone=access.person.time_zone)
        if bound.is_valid():
            try:
                messages.success(request, record(access, episode, bound))
                return redirect("withdrawal:detox", person_id=person_id, detox_id=detox_id)
            except (InvalidInput, Conflict) as error:
                _add_problem(bound, error, renamed=ITEM_NAMES)
        errors, folds = _errors(bound), getattr(bound, "folds", {})
        for name in SCALE_LABELS.get(form, {}):  # a nurse reads "choose a score", not the allowed set
            if name in errors:
                errors[name] = "Choose a score." if not request.POST.get(name) else "Choose one of the scores offered."
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
        "folds": folds,
        "values": request.POST,
        "cows_items": [
            (n, label, rated, choices, *_item(request, form, "cows", n, errors))
            for n, label, rated, choices in COWS_ITEMS
        ],
        "sows_items": [
            (n, label, choices, *_item(request, form, "sows", n, errors)) for n, label, choices in SOWS_ITEMS
        ],
        "summary": _summary(form, errors),
        "now_local": clock.now().astimezone(ZoneInfo(access.person.time_zone)).strftime(LOCAL_MOMENT_FORMAT),
        "zone_label": _zone_label(access.person.time_zone),
        "medications": SymptomMedication.choices,
        "decisions": MedicationDecision.choices,
        "appointments": list(list_upcoming_appointments(access, since=clock.now())),
        "can_write": may(actor, access.person, kind=ASSESSMENTS, action="write"),
        "can_dose": may(actor, access.person, kind=DOSES, action="write"),
        "zone": access.person.time_zone,
    }
    return render(request, "withdrawal/detox.html", context, status=422 if errors else 200)


def _summary(form: str, errors: dict[str, str]) -> list[tuple[str, str, str]]:
    """The sent COWS or SOWS form's problems for the summary at its top: (field id, label, message)."""
    if form not in SCALE_LABELS:
        return []
    labels = SCALE_LABELS[form] | {"observed_at": "Time"}
    rows = [("", "", message) for name, message in errors.items() if name not in labels]
    rows += [(f"{form}-{name}", label, errors[name]) for name, label in labels.items() if name in errors]
    return rows


def _zone_label(zone: str) -> str:
    """ "Chicago time, CST": the place a zone is named after and its abbreviation now."""
    return f"{zone.rsplit('/', 1)[-1].replace('_', ' ')} time, {clock.now().astimezone(ZoneInfo(zone)).tzname()}"


def _item(request: HttpRequest, form: str, scale: str, name: str, errors: dict[str, str]) -> tuple[str, str]:
    """An item's message and the score sent, when this scale's form was the one sent."""
    if form != scale:
        return "", ""
    return errors.get(name, ""), request.POST.get(name, "")


def _record_cows(access: Access, episode: Any, form: Any) -> str:
    entry = detox.record_cows(
        access=access, episode=episode, observed_at=form.cleaned_data["observed_at"], items=form.items()
    )
    return f"COWS recorded: {entry.total} of {cows.MAX_TOTAL}, {cows.LABELS[cows.Band(entry.band)].lower()}."


def _record_sows(access: Access, episode: Any, form: Any) -> str:
    entry = detox.record_sows(
        access=access, episode=episode, observed_at=form.cleaned_data["observed_at"], items=form.items()
    )
    return f"SOWS recorded: {entry.total} of {sows.MAX_TOTAL}."


def _record_observation(access: Access, episode: Any, form: Any) -> str:
    data = form.cleaned_data
    detox.record_observation(
        access=access,
        episode=episode,
        observed_at=data["observed_at"],
        values={name: data[name] for name in detox.OBSERVATION_FIELDS},
        note=data["note"],
    )
    return "Observation recorded."


def _record_dose(access: Access, episode: Any, form: Any) -> str:
    dose = detox.record_symptom_dose(access=access, episode=episode, **form.cleaned_data)
    return "Dose recorded" + (" with the warnings and your reason." if dose.warnings else ".")


def _complete(access: Access, episode: Any, form: Any) -> str:
    done = discharge.complete_detox(access=access, episode=episode, **form.cleaned_data)
    if discharge.flag_reasons(done):
        return "Withdrawal management completed. The exception was flagged to the care team."
    return "Withdrawal management completed safely."


Handler = tuple[type[LocalTimeForm], Callable[[Access, Any, Any], str]]
HANDLERS: dict[str, Handler] = {
    "cows": (CowsForm, _record_cows),
    "sows": (SowsForm, _record_sows),
    "observation": (ObservationForm, _record_observation),
    "dose": (SymptomDoseForm, _record_dose),
    "complete": (CompleteDetoxForm, _complete),
}
# The core names a scale's items `items.<name>`; the forms' fields are the items' names.
ITEM_NAMES = {f"items.{name}": name for name in (*cows.ALLOWED, *sows.ITEMS)}


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
    folds: dict[str, list[tuple[str, str]]] = {}
    if form:
        bound = _overdose_form(request, access, form)
        if bound.is_valid():
            try:
                messages.success(request, _record_overdose_form(access, form, bound))
                return redirect("withdrawal:overdose", person_id=person_id)
            except (InvalidInput, Conflict) as error:
                _add_problem(bound, error)
        errors, folds = _errors(bound), getattr(bound, "folds", {})
    actor: User = access.actor
    summary = selectors.get_risk_summary(access)
    context = {
        "person": access.person,
        "summary": summary,
        "window": summary.window,
        "form": form,
        "errors": errors,
        "folds": folds,
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


def _overdose_form(request: HttpRequest, access: Access, form: str) -> LocalTimeForm:
    kind = {"event": OverdoseEventForm, "review": ReviewForm}.get(form, RiskEventForm)
    bound = kind(request.POST, zone=access.person.time_zone)
    if form == "review" and not bound.is_valid() and "event_id" in bound.errors:
        raise Http404("overdose event")  # not an id: the same answer as another person's event
    return bound


def _record_overdose_form(access: Access, form: str, bound: forms.Form) -> str:
    data = bound.cleaned_data
    if form == "event":
        risk.record_overdose_event(access=access, **data)
        return "Recorded. The care team has an alert; re-supply naloxone and make a follow-up contact."
    if form == "review":
        event = selectors.get_overdose_event(access, data["event_id"])
        if event is None:
            raise Http404("overdose event")
        risk.review_overdose_event(access=access, event=event, note=data["note"])
        return "Review recorded."
    risk.record_risk_event(access=access, **data)
    return "Recorded; the overdose risk window below includes it."


def _add_problem(form: forms.Form, error: Exception, *, renamed: dict[str, str] | None = None) -> None:
    """A service's refusal: each message beside its field; a clash above the form."""
    if isinstance(error, InvalidInput):
        add_field_errors(form, error, renamed=renamed)
    else:
        form.add_error(None, str(getattr(error, "message", error)))


def _errors(form: forms.Form) -> dict[str, str]:
    """Each field's messages, as the templates show them beside the field (`general`: above the form)."""
    return {
        "general" if name == NON_FIELD_ERRORS else name: " ".join(str(m) for m in messages_)
        for name, messages_ in form.errors.items()
    }
