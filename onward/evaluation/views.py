"""Pages of the evaluation: the one-page evaluation (draft, sign, correct with a reason), PHQ-9 and GAD-7
with their trends, answering one on a phone when asked, and the PHQ-9 item-9 safety step.

Every form posts without JavaScript; a refused answer comes back beside its field (422). With htmx,
answering PHQ-9 item 9 posts at once (`item9`): above 0, the flag and its high alert are raised before
the form is complete, and the clinician sees the safety step (crisis lines and the safety check), the
person the crisis lines."""

import contextlib
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from onward.accounts.settings_page import settings_page
from onward.clinical.instruments import gad7, phq9
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.core.forms import add_field_errors
from onward.core.permissions import Relationship
from onward.evaluation import answers as spec
from onward.evaluation import chart, program_settings, selectors, services
from onward.evaluation.access import ASSESSMENTS, SELF_SCREENINGS
from onward.evaluation.models import EvaluationState, Instrument, Outcome, Source
from onward.people.access import Access, access_person, may

ITEM_WORDS = {Instrument.PHQ9: spec.PHQ9_WORDS, Instrument.GAD7: spec.GAD7_WORDS}
ITEMS = {Instrument.PHQ9: phq9.ITEMS, Instrument.GAD7: gad7.ITEMS}
INTRO = {
    Instrument.PHQ9: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    Instrument.GAD7: "Over the last 2 weeks, how often have you been bothered by the following problems?",
}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _raw(request: HttpRequest) -> dict[str, Any]:
    """The evaluation's answers as posted: declared fields only (buttons and the token left out)."""
    return {name: request.POST.get(name, "") for name in spec.BY_NAME if name in request.POST}


def _wall(value: str, zone: str) -> str:
    """A stored UTC moment as the wall-clock value a datetime-local input shows."""
    return datetime.fromisoformat(str(value)).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def _initial(answers: Mapping[str, Any], zone: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in answers.items():
        field = spec.BY_NAME.get(name)
        if field is None or value is None:
            continue
        if field.kind == spec.BOOL:
            if value:
                values[name] = "on"
        elif field.kind == spec.MOMENT:
            values[name] = _wall(value, zone)
        else:
            values[name] = str(value)
    return values


def _sections(values: Mapping[str, str], errors: Mapping[str, str]) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = []
    for key, title, fields in spec.sections():
        rows = [{"field": f, "value": values.get(f.name, ""), "error": errors.get(f.name, "")} for f in fields]
        if key == "substances":
            per_row = len(rows) // spec.SUBSTANCE_ROWS
            groups = [rows[i : i + per_row] for i in range(0, len(rows), per_row)]
            shown.append({"key": key, "title": title, "groups": groups, "rows": []})
        else:
            shown.append({"key": key, "title": title, "rows": rows, "groups": []})
    return shown


def _safety_context(access: Access) -> dict[str, Any]:
    clinician = access.allows(ASSESSMENTS, "write")
    flag = selectors.open_item9_flag(access) if access.allows(ASSESSMENTS, "read") else None
    return {"flag": flag, "outcomes": Outcome.choices, "clinician": clinician}


@login_required
def evaluations(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's evaluations, newest first, and starting one."""
    write = request.method == "POST"
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write" if write else "read")
    if write:
        evaluation = services.start_evaluation(access=access)
        return redirect("evaluation:evaluation", person_id=person_id, evaluation_id=evaluation.public_id)
    context = {
        "person": access.person,
        "evaluations": [
            (e, sorted(e.versions.all(), key=lambda v: -v.number)) for e in selectors.list_evaluations(access)
        ],
        "can_write": may(access.actor, access.person, kind=ASSESSMENTS, action="write"),
    }
    return render(request, "evaluation/list.html", context)


@login_required
def evaluation_page(request: HttpRequest, person_id: UUID, evaluation_id: UUID) -> HttpResponse:
    """A draft is the one-page form (save, sign); a signed evaluation shows its current version, the
    versions before it and what each correction said."""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write" if action else "read")
    evaluation = selectors.get_evaluation(access, evaluation_id)
    if evaluation is None:
        raise Http404("evaluation")
    zone = access.person.time_zone
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if action:
        if action not in {"save", "sign", "safety_check"}:
            raise Http404("action")
        values = {k: str(v) for k, v in request.POST.items() if k in spec.BY_NAME}
        try:
            if action == "safety_check":
                _safety_check(request, access)
                if evaluation.state == EvaluationState.DRAFT:
                    with contextlib.suppress(InvalidInput):  # the answers stay on the page to fix
                        services.save_draft(access=access, evaluation=evaluation, raw=_raw(request))
                messages.success(request, "Safety check recorded; the item 9 flag is closed.")
            elif action == "save":
                services.save_draft(access=access, evaluation=evaluation, raw=_raw(request))
                messages.success(request, "Draft saved.")
                return redirect("evaluation:evaluation", person_id=person_id, evaluation_id=evaluation_id)
            else:
                services.sign_evaluation(access=access, evaluation=evaluation, raw=_raw(request))
                messages.success(request, "Evaluation signed.")
                return redirect("evaluation:evaluation", person_id=person_id, evaluation_id=evaluation_id)
        except InvalidInput as error:
            errors = dict(error.fields)
        except Conflict as error:
            errors = {"all": str(error)}
        evaluation.refresh_from_db()
    versions = selectors.list_versions(evaluation)
    if not values:
        values = _initial(evaluation.draft, zone)
    context = {
        "person": access.person,
        "evaluation": evaluation,
        "versions": versions,
        "current": versions[0] if versions else None,
        "shown": _answers_shown(versions[0].answers, zone) if versions else [],
        "can_write": access.allows(ASSESSMENTS, "write")
        or may(access.actor, access.person, kind=ASSESSMENTS, action="write"),
        "sections": _sections(values, errors),
        "errors": errors,
        "draft": evaluation.state == EvaluationState.DRAFT,
        "item9_field": spec.ITEM9_FIELD,
        **_safety_context(access),
        "safety_errors": {k: v for k, v in errors.items() if k in {"outcome", "note"}},
        "safety_values": request.POST,
    }
    return render(request, "evaluation/evaluation.html", context, status=422 if errors else 200)


@login_required
def correct_page(request: HttpRequest, person_id: UUID, evaluation_id: UUID) -> HttpResponse:
    """Correct a signed evaluation: the current version's answers to change, and why."""
    write = request.method == "POST"
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write")
    evaluation = selectors.get_evaluation(access, evaluation_id)
    if evaluation is None or evaluation.state != EvaluationState.SIGNED:
        raise Http404("signed evaluation")
    current = selectors.list_versions(evaluation)[0]
    zone = access.person.time_zone
    errors: dict[str, str] = {}
    values = _initial(current.answers, zone)
    if write:
        values = {k: str(v) for k, v in request.POST.items() if k in spec.BY_NAME}
        try:
            version = services.correct_evaluation(
                access=access, evaluation=evaluation, raw=_raw(request), reason=request.POST.get("reason", "")
            )
            messages.success(request, f"Correction saved as version {version.number}; earlier versions are kept.")
            return redirect("evaluation:evaluation", person_id=person_id, evaluation_id=evaluation_id)
        except InvalidInput as error:
            errors = dict(error.fields)
        except Conflict as error:
            errors = {"all": str(error)}
    context = {
        "person": access.person,
        "evaluation": evaluation,
        "current": current,
        "sections": _sections(values, errors),
        "errors": errors,
        "reason": request.POST.get("reason", ""),
        "item9_field": spec.ITEM9_FIELD,
        **_safety_context(access),
        "safety_formaction": reverse("evaluation:safety-check", kwargs={"person_id": person_id}),
        "safety_errors": {},
        "safety_values": {},
    }
    return render(request, "evaluation/correct.html", context, status=422 if errors else 200)


def _answers_shown(answers: Mapping[str, Any], zone: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """A signed version's answers in words, by section, blanks and unticked boxes left out."""
    shown = []
    for _key, title, fields in spec.sections():
        rows = []
        for field in fields:
            value = answers.get(field.name)
            if value is None or value == "" or value is False:
                continue
            if field.kind == spec.BOOL:
                text = "Yes"
            elif field.choices:
                text = {str(v): label for v, label in field.choices}.get(str(value), str(value))
                if field.kind == spec.SCORE:
                    text = f"{value} ({text})"
            elif field.kind == spec.MOMENT:
                text = datetime.fromisoformat(str(value)).astimezone(ZoneInfo(zone)).strftime("%-d %B %Y, %H:%M")
            elif field.kind == spec.DAY:
                text = datetime.fromisoformat(str(value)).strftime("%-d %B %Y")
            else:
                text = str(value)
            rows.append((field.label, text))
        if rows:
            shown.append((title, rows))
    return shown


@login_required
@require_POST
def item9(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """PHQ-9 item 9 as soon as it is answered (htmx). Above 0: the flag and its alert are raised now;
    a clinician gets the safety step, the person the crisis lines."""
    person_self = getattr(request.user, "role", "") == "person"
    access = access_person(
        request.user, person_id, kind=SELF_SCREENINGS if person_self else ASSESSMENTS, action="write"
    )
    value = request.POST.get(spec.ITEM9_FIELD, request.POST.get(phq9.ITEM9, ""))
    source = request.POST.get("item9_source", "")
    if access.relationship is Relationship.SELF:
        source = Source.SELF_REPORT
    elif source not in {Source.EVALUATION, Source.CLINICIAN}:
        source = Source.CLINICIAN
    try:
        flag = services.item9_answered(access=access, value=value, source=source, key=request.POST.get("item9_key", ""))
    except InvalidInput:
        flag = None
    template = (
        "evaluation/_crisis_now.html" if access.relationship is Relationship.SELF else "evaluation/_safety_step.html"
    )
    context = {
        "person": access.person,
        "flag": flag,
        "outcomes": Outcome.choices,
        "clinician": True,
        "inside_form": True,
        "safety_formaction": ""
        if source == Source.EVALUATION
        else reverse("evaluation:safety-check", kwargs={"person_id": person_id}),
    }
    if flag is None:
        return HttpResponse("")
    return render(request, template, context)


def _safety_check(request: HttpRequest, access: Access) -> None:
    services.record_safety_check(
        access=access, outcome=request.POST.get("outcome", ""), note=request.POST.get("note", "")
    )


@login_required
@require_POST
def safety_check(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """A clinician documents the safety check, which closes the item-9 flag (htmx: the step is swapped for
    what was recorded; without it, back to the screenings page)."""
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write")
    errors: dict[str, str] = {}
    try:
        _safety_check(request, access)
    except InvalidInput as error:
        errors = dict(error.fields)
    except Conflict as error:
        errors = {"outcome": str(error)}
    flags = selectors.list_item9_flags(access)
    if _is_htmx(request):
        context = {
            "person": access.person,
            "flag": selectors.open_item9_flag(access),
            "closed": None if errors or not flags else flags[0],
            "outcomes": Outcome.choices,
            "clinician": True,
            "inside_form": True,
            "safety_errors": errors,
            "safety_values": request.POST,
        }
        return render(request, "evaluation/_safety_step.html", context)
    if not errors:
        messages.success(request, "Safety check recorded; the item 9 flag is closed.")
        return redirect("evaluation:screenings", person_id=person_id)
    return _screenings(request, access, safety_errors=errors, status=422)


@login_required
def screenings(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """PHQ-9 and GAD-7 over time (charts with tables), the item-9 flags and their safety checks, and for a
    clinician: record one now, or ask the person to answer one on their phone."""
    if request.method == "POST":
        access = access_person(request.user, person_id, kind=ASSESSMENTS, action="write")
        try:
            services.ask_screening(access=access, instrument=request.POST.get("instrument", ""))
        except InvalidInput as error:
            return _screenings(request, access, ask_error=next(iter(error.fields.values())), status=422)
        except Conflict as error:
            return _screenings(request, access, ask_error=str(error), status=409)
        messages.success(request, f"{access.person.preferred_name} is asked to answer it on their phone.")
        return redirect("evaluation:screenings", person_id=person_id)
    access = access_person(request.user, person_id, kind=ASSESSMENTS, action="read")
    return _screenings(request, access)


def _screenings(
    request: HttpRequest,
    access: Access,
    *,
    safety_errors: Mapping[str, str] | None = None,
    ask_error: str = "",
    status: int = 200,
) -> HttpResponse:
    trends = []
    for instrument in Instrument:
        rows = selectors.list_screenings(access, instrument)
        points = [(s.taken_at, s.total, s.band) for s in rows]
        trends.append(
            {
                "instrument": instrument,
                "label": instrument.label,
                "chart": chart.trend(instrument, points),
                "rows": list(reversed(rows)),
            }
        )
    clinician = access.allows(ASSESSMENTS, "write") or may(
        access.actor, access.person, kind=ASSESSMENTS, action="write"
    )
    context = {
        "person": access.person,
        "trends": trends,
        "flags": selectors.list_item9_flags(access),
        "requests": selectors.open_requests(access),
        "own": access.relationship is Relationship.SELF,
        "instruments": Instrument.choices,
        "ask_error": ask_error,
        **_safety_context(access),
        "clinician": clinician,
        "safety_errors": safety_errors or {},
        "safety_values": request.POST if safety_errors else {},
    }
    return render(request, "evaluation/screenings.html", context, status=status)


@login_required
def answer(request: HttpRequest, person_id: UUID, instrument: str) -> HttpResponse:
    """One PHQ-9 or GAD-7: the person answers their own when it is due (on their phone), a clinician
    records one with the person at any time."""
    if instrument not in Instrument.values:
        raise Http404("questionnaire")
    person_self = getattr(request.user, "role", "") == "person"
    kind = SELF_SCREENINGS if person_self else ASSESSMENTS
    access = access_person(request.user, person_id, kind=kind, action="write")
    errors: dict[str, str] = {}
    crisis = False
    if request.method == "POST":
        raw = {
            k: v for k, v in request.POST.items() if k in {*ITEMS[Instrument(instrument)], phq9.FUNCTIONAL_DIFFICULTY}
        }
        try:
            screening = services.record_screening(
                access=access, instrument=instrument, raw=raw, item9_key=request.POST.get("item9_key", "")
            )
        except InvalidInput as error:
            errors = dict(error.fields)
        except Conflict as error:
            errors = {"all": str(error)}
        else:
            if person_self:
                return render(
                    request,
                    "evaluation/answered.html",
                    {
                        "person": access.person,
                        "screening": screening,
                        "crisis": bool(screening.item9),
                        "maximum": chart.MAXIMA[instrument],
                    },
                )
            messages.success(request, f"{screening.get_instrument_display()} recorded: total {screening.total}.")
            return redirect("evaluation:screenings", person_id=person_id)
        crisis = person_self and request.POST.get(phq9.ITEM9, "") in {"1", "2", "3"}
    elif person_self and not any(d.instrument == instrument for d in selectors.due_screenings(access)):
        raise Forbidden("nothing of this kind is waiting for your answer")
    items = [
        {
            "name": name,
            "label": f"{n}. {ITEM_WORDS[Instrument(instrument)][name]}",
            "value": request.POST.get(name, ""),
            "error": errors.get(name, ""),
            "item9": instrument == Instrument.PHQ9 and name == phq9.ITEM9,
        }
        for n, name in enumerate(ITEMS[Instrument(instrument)], start=1)
    ]
    context = {
        "person": access.person,
        "instrument": Instrument(instrument),
        "intro": INTRO[Instrument(instrument)],
        "items": items,
        "scores": spec.SCORES,
        "difficulty": spec.DIFFICULTY if instrument == Instrument.PHQ9 else (),
        "difficulty_value": request.POST.get(phq9.FUNCTIONAL_DIFFICULTY, ""),
        "errors": errors,
        "own": person_self,
        "crisis": crisis,
        "item9_key": request.POST.get("item9_key", "")[:80] or f"form:{uuid.uuid4()}",
    }
    return render(request, "evaluation/answer.html", context, status=422 if errors else 200)


class ScheduleForm(forms.Form):
    phq9_every_days = forms.IntegerField(
        label="Ask for a PHQ-9 every (days)", required=False, help_text="Empty: no schedule; clinicians ask"
    )
    gad7_every_days = forms.IntegerField(
        label="Ask for a GAD-7 every (days)", required=False, help_text="Empty: no schedule; clinicians ask"
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_settings_page(request: HttpRequest, program_id: UUID) -> HttpResponse:
    """How often the program asks its people to answer a PHQ-9 or GAD-7 on their phone (no default)."""
    return settings_page(
        request,
        program_id,
        area=program_settings,
        form_class=ScheduleForm,
        add_field_errors=add_field_errors,
        template="evaluation/settings.html",
        url_name="evaluation:settings",
        saved="Screening schedule saved.",
    )
