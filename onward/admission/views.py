"""Admission pages: the person's placements and admissions with the OTP items; placing; admitting with
the Part 2 notice; recording an OTP item done or a restriction asked for; the person's care team."""

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onward.admission import selectors, services
from onward.admission.forms import AdmissionForm, ClockDoneForm, EndMemberForm, PlacementForm, TeamMemberForm
from onward.admission.models import Admission
from onward.clinical.rules.loc_hours import HOURS, weekly_hours
from onward.clinical.rules.otp_clocks import DueItem
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.core.forms import add_field_errors
from onward.people import care_team
from onward.people.access import Access, access_person, may
from onward.people.models import Person

PART2_NOTICE_COVERS = (
    "how the program protects the person's substance use disorder records under 42 CFR part 2, in line with "
    "the HIPAA Notice of Privacy Practices; that the records may not be used against the person in civil, "
    "criminal, administrative or legislative proceedings without their consent or a court order; and the "
    "person's rights, among them to ask for restrictions (42 CFR 2.22, 2.26)."
)


def _today(person: Person) -> date:
    return clock.today_in(person.program.time_zone)


@login_required
def overview(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="admissions", action="read")
    person = access.person
    placements = None
    if may(access.actor, person, kind="placements", action="read"):
        placements = list(
            selectors.list_placements(access_person(request.user, person_id, kind="placements", action="read"))
        )
    context = {
        "person": person,
        "admissions": list(selectors.list_admissions(access)),
        "placements": placements,
        "may_place": may(access.actor, person, kind="placements", action="write"),
        "may_admit": may(access.actor, person, kind="admissions", action="write"),
        "otp": person.program.is_opioid_treatment_program,
    }
    return render(request, "admission/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def place(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="placements", action="write")
    form = PlacementForm(request.POST or None, initial={"placed_on": _today(access.person), "edition": "3"})
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        if not form.errors:
            try:
                services.place(access=access, **arguments)
            except InvalidInput as exc:
                add_field_errors(form, exc)
            else:
                messages.success(request, "Placement recorded.")
                return redirect("admission:overview", person_id=access.person.public_id)
    hours = [(code, weekly_hours("3", code)) for code in HOURS]
    context = {"person": access.person, "form": form, "hours": hours}
    return render(request, "admission/place.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def admit(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="admissions", action="write")
    person = access.person
    today = _today(person)
    placements = list(
        selectors.list_placements(access_person(request.user, person_id, kind="placements", action="read"))
    )
    staff = care_team.assignable_staff(access, on=today)
    otp = person.program.is_opioid_treatment_program
    form = AdmissionForm(
        request.POST or None, initial={"admitted_on": today}, placements=placements, staff=staff, otp=otp
    )
    if request.method == "POST" and form.is_valid():
        try:
            admission = services.admit_person(access=access, **form.service_arguments())
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{person.preferred_name} is admitted; the Part 2 notice is recorded as given.")
            return redirect("admission:detail", person_id=person.public_id, admission_id=admission.public_id)
    context = {"person": person, "form": form, "otp": otp, "notice_covers": PART2_NOTICE_COVERS}
    return render(request, "admission/admit.html", context, status=422 if form.errors else 200)


@login_required
def detail(request: HttpRequest, person_id: UUID, admission_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="admissions", action="read")
    admission = selectors.get_admission(access, admission_id)
    if admission is None:
        raise Http404("admission")
    return _detail(request, access, admission, form=None, failed_clock="")


def _detail(
    request: HttpRequest, access: Access, admission: Admission, *, form: ClockDoneForm | None, failed_clock: str
) -> HttpResponse:
    person, actor = access.person, access.actor
    today = _today(person)
    items: tuple[DueItem, ...] = ()
    if may(actor, person, kind="otp_clocks", action="read"):
        access_person(actor, person.public_id, kind="otp_clocks", action="read")
        items = selectors.due_items(admission, today=today)
    may_record = may(actor, person, kind="otp_clocks", action="write")
    rows = [
        (
            item,
            selectors.done_records(admission).get(item.clock.value),
            form
            if item.clock.value == failed_clock
            else ClockDoneForm(prefix=item.clock.value, initial={"done_on": today}),
        )
        for item in items
    ]
    context = {
        "person": person,
        "admission": admission,
        "level": selectors.level_words(admission.edition, admission.level),
        "rows": rows,
        "may_record": may_record,
    }
    return render(request, "admission/detail.html", context, status=422 if form is not None else 200)


@login_required
@require_POST
def clock_done(request: HttpRequest, person_id: UUID, admission_id: UUID, clock_key: str) -> HttpResponse:
    access = access_person(request.user, person_id, kind="otp_clocks", action="write")
    admission = selectors.get_admission(
        access_person(request.user, person_id, kind="admissions", action="read"), admission_id
    )
    if admission is None:
        raise Http404("admission")
    form = ClockDoneForm(request.POST, prefix=clock_key)
    if form.is_valid():
        try:
            services.record_clock_done(access=access, admission=admission, clock=clock_key, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc, renamed={"clock": "done_on"})
        except Conflict as exc:
            form.add_error("done_on", str(exc))
        else:
            messages.success(request, "Recorded as done.")
            return redirect("admission:detail", person_id=person_id, admission_id=admission_id)
    return _detail(request, access, admission, form=form, failed_clock=clock_key)


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="care_team", action="read")
    person = access.person
    may_write = may(access.actor, person, kind="care_team", action="write")
    form = None
    if may_write:
        form = TeamMemberForm(
            request.POST or None,
            initial={"starts_on": _today(person)},
            staff=care_team.assignable_staff(access, on=_today(person)),
        )
    if request.method == "POST":
        write = access_person(request.user, person_id, kind="care_team", action="write")
        assert form is not None  # noqa: S101 - may_write held for the write access
        if form.is_valid():
            data = form.cleaned_data
            try:
                care_team.add_member(
                    access=write,
                    user=form.staff.get(data["user"]),
                    team_role=data["team_role"],
                    starts_on=data["starts_on"],
                )
            except InvalidInput as exc:
                add_field_errors(form, exc)
            except Conflict as exc:
                form.add_error("user", str(exc))
            else:
                messages.success(request, "Added to the care team.")
                return redirect("admission:team", person_id=person.public_id)
    members = list(care_team.list_team(access))
    context = {"person": person, "members": members, "form": form, "may_write": may_write}
    return render(request, "admission/team.html", context, status=422 if form is not None and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def end_member(request: HttpRequest, person_id: UUID, member_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="care_team", action="write")
    member = care_team.get_member(access_person(request.user, person_id, kind="care_team", action="read"), member_id)
    if member is None or member.ends_on is not None:
        raise Http404("team member")
    form = EndMemberForm(request.POST or None, initial={"ends_on": _today(access.person)})
    if request.method == "POST" and form.is_valid():
        try:
            care_team.end_member(access=access, member=member, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"{member.user.display_name}'s time on the team is ended; it stays in the history."
            )
            return redirect("admission:team", person_id=person_id)
    context = {"person": access.person, "member": member, "form": form}
    return render(request, "admission/end_member.html", context, status=422 if form.errors else 200)
