"""Medication pages: a person's medication (readiness, orders, take-homes, dose log), informed-choice
pages, readiness, order, dose and take-home forms and program settings (the staff worklist with its
prescribing section is onward.web.worklist). Every page works without JavaScript."""

from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onward.accounts.models import User
from onward.accounts.settings_page import settings_page
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput, NotFound
from onward.core.forms import LocalTimeForm, add_field_errors
from onward.evaluation.selectors import latest_opioid_use
from onward.medication import orders, program_settings, readiness, selectors, services, take_homes, xr_ntx
from onward.medication.choices import CHOICES
from onward.medication.forms import (
    BupReadinessForm,
    DoseForm,
    NtxReadinessForm,
    OrderForm,
    SettingsForm,
    StopForm,
    TakeHomeForm,
)
from onward.medication.models import Medication, MedicationOrder, Schedule
from onward.people.access import Access, access_person, may


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required and our user model
    return request.user


def _back(access: Access) -> HttpResponse:
    return redirect("medication:person", person_id=access.person.public_id)


def _order(access: Access, order_id: UUID) -> MedicationOrder:
    order = selectors.get_order(access, order_id)
    if order is None:
        raise NotFound("order")
    return order


# How far back the dose log and take-homes go on the page: a month by default (a year of daily doses is
# hundreds of rows); the API gives the whole log.
LOG_PERIODS = ("30", "90", "365", "all")


@login_required
def person_medication(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="medication", action="read")
    actor, person = access.actor, access.person
    shown = request.GET.get("log", LOG_PERIODS[0])
    log_problem = ""
    if shown not in LOG_PERIODS:  # said on the page, which then shows the default
        log_problem = "Choose 30, 90 or 365 days, or everything."
        shown = LOG_PERIODS[0]
    since = None if shown == "all" else clock.today_in(person.time_zone) - timedelta(days=int(shown) - 1)
    dose_log = None
    if may(actor, person, kind="doses", action="read"):
        dose_log = selectors.list_doses(access_person(actor, person_id, kind="doses", action="read"), since=since)
    context = {
        "person": person,
        "readiness": selectors.list_readiness(access),
        "orders": selectors.list_orders(access),
        "take_homes": selectors.list_take_homes(access, since=since),
        "doses": dose_log,
        "log_periods": LOG_PERIODS,
        "log_shown": shown,
        "log_problem": log_problem,
        "next_dose": selectors.get_next_dose(access),
        "xr_ntx": xr_ntx.get_status(access),
        "choices": CHOICES.values(),
        "can_prescribe": may(actor, person, kind="medication", action="write"),
        "can_dose": may(actor, person, kind="doses", action="write"),
    }
    return render(request, "medication/person.html", context, status=422 if log_problem else 200)


@login_required
def choice(request: HttpRequest, medication: str) -> HttpResponse:
    found = CHOICES.get(medication)
    if found is None:
        raise Http404("medication")
    return render(request, "medication/choice.html", {"choice": found, "others": CHOICES.values()})


@login_required
@require_http_methods(["GET", "POST"])
def record_readiness(request: HttpRequest, person_id: UUID, medication: str) -> HttpResponse:
    access = access_person(request.user, person_id, kind="medication", action="write")
    if medication not in {Medication.BUPRENORPHINE, Medication.NALTREXONE}:
        raise Http404("medication")
    bup = medication == Medication.BUPRENORPHINE
    form_class: type[LocalTimeForm] = BupReadinessForm if bup else NtxReadinessForm
    initial: dict[str, object] = {"assessed_at": clock.now()}
    prefill = None
    from_evaluation = None
    if bup and may(access.actor, access.person, kind="assessments", action="read"):
        charted = access_person(access.actor, person_id, kind="assessments", action="read")
        prefill = selectors.get_cows_prefill(charted)
        if prefill is not None:
            initial |= prefill.initial()
        else:
            from_evaluation = latest_opioid_use(charted)
            kind = (
                None if from_evaluation is None else selectors.BUP_KIND_OF_EVALUATION_OPIOID.get(from_evaluation.kind)
            )
            if from_evaluation is not None and kind is not None:
                initial |= {"last_kind": kind, "last_at": from_evaluation.at}
    zone = ZoneInfo(access.person.time_zone)
    # The form shows times as a clock in the person's zone showed them (now, by default), to the minute.
    walls = {name: _wall(value, zone) for name, value in initial.items()}
    form = form_class(request.POST or None, initial=walls, zone=access.person.time_zone)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if bup:
                uses = [readiness.LastUse(data["last_kind"], data["last_at"])]
                if data["other_kind"] and data["other_at"]:
                    uses.append(readiness.LastUse(data["other_kind"], data["other_at"]))
                assessment = services.record_bup_readiness(
                    access=access,
                    assessed_at=data["assessed_at"],
                    cows_total=data["cows_total"],
                    cows_scored_at=data["cows_scored_at"],
                    objective_signs=data["objective_signs"],
                    last_use=uses,
                )
            else:
                assessment = services.record_ntx_readiness(access=access, **data)
        except InvalidInput as exc:
            add_field_errors(form, exc, renamed=LAST_USE_FIELDS)
        else:
            messages.success(request, f"Readiness recorded: {assessment.get_band_display().lower()}.")
            return _back(access)
    context = {
        "person": access.person,
        "form": form,
        "choice": CHOICES[medication],
        "prefill": prefill,
        "from_evaluation": from_evaluation,
        "zone_label": f"{access.person.time_zone.rsplit('/', 1)[-1].replace('_', ' ')} time, "
        f"{clock.now().astimezone(zone).tzname()}",
    }
    return render(request, "medication/readiness.html", context)


def _wall(value: object, zone: ZoneInfo) -> object:
    """An instant as a clock in `zone` showed it, to the minute (what a datetime-local input holds)."""
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
    return value


# The core names the last-use rows `last_use[0].*` and `last_use[1].*`; the form calls them `last_*`, `other_*`.
LAST_USE_FIELDS = {
    "last_use[0].kind": "last_kind",
    "last_use[0].at": "last_at",
    "last_use[1].kind": "other_kind",
    "last_use[1].at": "other_at",
}


@login_required
@require_http_methods(["GET", "POST"])
def start_order(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="medication", action="write")
    chosen = request.POST.get("medication") or request.GET.get("medication") or Medication.BUPRENORPHINE
    initial = {"medication": chosen, "starts_on": clock.today_in(access.person.time_zone), "sign": True}
    form = OrderForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.start_order(access=access, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Order saved.")
            return _back(access)
    context = {
        "person": access.person,
        "form": form,
        "warning": _order_warning(access, form, chosen),
        "latest": selectors.get_latest_readiness(access, chosen) if chosen in orders.ASSESSED else None,
        "medications": Medication.choices,
        "chosen": chosen,
    }
    return render(request, "medication/order.html", context)


def _order_warning(access: Access, form: OrderForm, chosen: str) -> str:
    """The readiness warning, and once a dose is entered, a dose notice or day-1 limit too."""
    if chosen not in Medication.values:
        return ""
    data = getattr(form, "cleaned_data", {})
    schedule = data.get("schedule") or Schedule.DAILY
    return orders.start_warning(access, chosen, data.get("dose_mg"), schedule)


@login_required
@require_POST
def sign_order(request: HttpRequest, person_id: UUID, order_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="medication", action="write")
    try:
        services.sign_order(access=access, order=_order(access, order_id))
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Order signed.")
    return _back(access)


@login_required
@require_http_methods(["GET", "POST"])
def stop_order(request: HttpRequest, person_id: UUID, order_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="medication", action="write")
    order = _order(access, order_id)
    form = StopForm(request.POST or None)
    if form.is_valid():
        try:
            services.stop_order(access=access, order=order, reason=form.cleaned_data["reason"])
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Order stopped.")
            return _back(access)
    return render(request, "medication/stop.html", {"person": access.person, "order": order, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def record_dose(request: HttpRequest, person_id: UUID, order_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="doses", action="write")
    order = _order(access, order_id)
    form = DoseForm(request.POST or None, initial={"given_on": clock.today_in(access.person.time_zone)})
    if form.is_valid():
        try:
            services.record_dose(access=access, order=order, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Dose logged.")
            return _back(access)
    if not form.has_error("confirm_above_daily") and not form.data.get("confirm_above_daily"):
        # Asked only when the dose takes the day's total above the order's daily dose (§21).
        form.fields["confirm_above_daily"].widget = forms.HiddenInput()
    return render(request, "medication/dose.html", {"person": access.person, "order": order, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def dispense_take_homes(request: HttpRequest, person_id: UUID, order_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="medication", action="write")
    order = _order(access, order_id)
    today = clock.today_in(access.person.time_zone)
    form = TakeHomeForm(request.POST or None, initial={"first_day": today})
    if form.is_valid():
        try:
            services.dispense_take_homes(access=access, order=order, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Take-home doses recorded.")
            return _back(access)
    day = getattr(form, "cleaned_data", {}).get("first_day") or today
    context = {"person": access.person, "order": order, "form": form, "ceiling": take_homes.ceiling(access, day)}
    return render(request, "medication/take_homes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_settings_page(request: HttpRequest, program_id: UUID) -> HttpResponse:
    return settings_page(
        request,
        program_id,
        area=program_settings,
        form_class=SettingsForm,
        add_field_errors=add_field_errors,
        template="medication/settings.html",
        url_name="medication:settings",
        saved="Medication settings saved.",
    )
