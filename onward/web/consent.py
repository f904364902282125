"""Pages: the person's consents and disclosures, giving and revoking a consent, the supporter's
home and view of a person, and breaking the glass in a medical emergency."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onward.accounts.models import User
from onward.consent import notice, selectors, services
from onward.consent.forms import BreakGlassForm, ConsentForm, RevokeForm
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from onward.core.forms import add_field_errors
from onward.people.access import BREAK_GLASS_ROLES, access_person, break_glass
from onward.summaries.disclosure import get_emergency_summary, get_supporter_view


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required and our user model
    return request.user


@login_required
def consents(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="consents", action="read")
    context = {
        "person": access.person,
        "consents": selectors.list_consents(access, at=clock.now()),
        "emergencies": selectors.list_emergency_disclosures(access),
    }
    return render(request, "consent/consents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def give_consent(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="consents", action="write")
    form = ConsentForm(request.POST or None)
    if form.is_valid():
        try:
            services.give_consent(access=access, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Your consent is signed and in force.")
            return redirect("consent:list", person_id=access.person.public_id)
    return render(request, "consent/give.html", {"person": access.person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def revoke_consent(request: HttpRequest, person_id: UUID, consent_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="consents", action="write")
    consent = selectors.get_consent(access, consent_id)
    if consent is None:
        raise NotFound("consent")
    form = RevokeForm(request.POST or None)
    if form.is_valid():
        try:
            services.revoke_consent(access=access, consent=consent, text=form.cleaned_data["text"])
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Revoked. Nothing more is shared with {consent.recipient_name}.")
            return redirect("consent:list", person_id=access.person.public_id)
    context = {"person": access.person, "consent": consent, "form": form}
    return render(request, "consent/revoke.html", context)


@login_required
def supporting(request: HttpRequest) -> HttpResponse:
    rows = selectors.list_people_sharing_with(_user(request), at=clock.now())
    return render(request, "consent/supporting.html", {"rows": rows})


@login_required
def supporter_view(request: HttpRequest, person_id: UUID) -> HttpResponse:
    view = get_supporter_view(_user(request), person_id)
    first, rest = notice.first_sentence_and_rest(notice.STATEMENT_1)
    context = {"view": view, "statement": notice.STATEMENT_1, "statement_first": first, "statement_rest": rest}
    return render(request, "consent/supporter_view.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def emergency(request: HttpRequest) -> HttpResponse:
    actor = _user(request)
    if actor.role not in BREAK_GLASS_ROLES:
        raise Forbidden("only counselors, nurses and prescribers may break the glass")
    form = BreakGlassForm(request.POST or None, initial={"recipient_name": actor.display_name})
    if form.is_valid():
        data = form.cleaned_data
        try:
            access = break_glass(
                actor,
                data["person_id"],
                emergency=data["emergency"],
                recipient_name=data["recipient_name"],
                recipient_affiliation=data["recipient_affiliation"],
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except NotFound:
            form.add_error("person_id", "No person has this id. Check it with the person's card or their program.")
        else:
            summary = get_emergency_summary(access)
            response = render(request, "consent/emergency_summary.html", {"summary": summary})
            response["Cache-Control"] = "private, no-store"  # shown once: not kept in the browser
            return response
    return render(request, "consent/emergency.html", {"form": form})
