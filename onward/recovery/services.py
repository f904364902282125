"""Reporting a return to use and asking one's people for help. Both are the person's own writes,
audited here; both tell the care team through `alerts.services.raise_alert`."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from onward.alerts.models import Alert, Severity
from onward.alerts.services import raise_alert
from onward.audit.services import record_event
from onward.consent.models import Scope
from onward.consent.selectors import list_supporters_consented
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from onward.core.neutral import forbidden_words_in
from onward.notifications.models import Kind
from onward.notifications.services import notify
from onward.people.access import Access
from onward.plans.models import PlanVersion
from onward.plans.selectors import current_plan
from onward.plans.services import PHONE_CHARACTERS, PHONE_DIGITS
from onward.recovery.models import HelpRecipient, HelpRequest, HelpResponse, ReachBy, ReturnToUse, Source
from onward.recovery.selectors import get_help_request

RETURN_TO_USE_ALERT = "recovery.return_to_use"
HELP_REQUEST_ALERT = "recovery.help_requested"
MAX_NOTE = 2000
MAX_RETRACTION = 500
MAX_MESSAGE = 500
# In-app words only (outside channels send the neutral subject); they name no care and no substance.
HELP_TITLE = "{name} asked you to get in touch"
HELP_BODY = "Open it to see their message and how to reach them."
ON_IT_TITLE = "{name} is getting in touch"
ON_IT_BODY = "{name} saw your request and said they are on it."
MAX_PHONE = 32


def if_i_use_response(plan: PlanVersion | None) -> str:
    """What the person's own plan says to do after using, for the alert the care team reads."""
    if plan is None:
        return ""
    steps = list(plan.if_i_use)
    if plan.naloxone_where:
        steps.append(f"Naloxone is kept: {plan.naloxone_where}")
    return "; ".join(steps)


def report_return_to_use(
    *, access: Access, on: date, note: str = "", source: str = Source.PAGE, alert: bool = True
) -> ReturnToUse:
    """Record a return to use on the person's local date `on`. It starts a new stretch from the next
    day; the recovery start date and the stage do not move (clinical-reference §15). The care team gets
    a high-severity alert (clinical-reference §21 `reported_use`) carrying the plan's "if I use" steps,
    unless the caller raises its own (`alert=False`, e.g. a check-in rule that already did).
    Callers passed access_person(kind="checkins", action="write"), the person's own."""
    person = access.person
    values = return_to_use(
        on=on,
        note=note,
        source=source,
        today=clock.today_in(person.time_zone),
        recovery_started_on=person.recovery_started_on,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                reported = ReturnToUse.objects.create(person=person, reported_by=access.actor, **values)
        except IntegrityError:
            raise Conflict(f"A return to use on {on.isoformat()} is already recorded.") from None
        record_event(
            actor=access.actor,
            action="recovery.return_to_use_reported",
            person=person,
            object_type="return_to_use",
            object_id=str(reported.public_id),
            purpose=access.purpose,
            detail={"used_on": on.isoformat(), "source": source},
        )
        if alert:
            raise_alert(
                person=person,
                kind=RETURN_TO_USE_ALERT,
                severity=Severity.HIGH,  # clinical-reference §21 reported_use: any use reported → high
                reasons=[
                    f"Return to use reported for {on.isoformat()}.",
                    "Tolerance may be lower than before, so the risk of overdose is higher (clinical-reference §12).",
                ],
                source_rule="clinical-reference §21 reported_use",
                dedupe_key=on.isoformat(),
                plan_response=if_i_use_response(current_plan(access)),
            )
    return reported


def return_to_use(*, on: date, note: str, source: str, today: date, recovery_started_on: date | None) -> dict[str, Any]:
    """The values of a return to use on the local date `on` (all but the person, the reporter and the
    ids), refused after `today` (the person's local date) or before their recovery start."""
    problems = {}
    if source not in Source.values:
        problems["source"] = f"must be one of {', '.join(Source.values)}"
    if on > today:
        problems["on"] = f"The date cannot be after today ({today.isoformat()})."
    elif recovery_started_on is not None and on < recovery_started_on:
        problems["on"] = (
            f"The date is before your recovery start ({recovery_started_on.isoformat()}); "
            "it does not change your stretches."
        )
    if len(note) > MAX_NOTE:
        problems["note"] = f"Keep the note to {MAX_NOTE} characters or fewer."
    if problems:
        raise InvalidInput(problems)
    return {"used_on": on, "source": source, "note": note.strip()}


def retract_return_to_use(*, access: Access, reported: ReturnToUse, reason: str) -> ReturnToUse:
    """The person takes back a return to use reported by mistake (a wrong tap, the wrong day): kept with
    who, when and why, and left out of the stretches from then on. Any alert it raised stays with the
    care team, who close it. Callers passed access_person(kind="checkins", action="write")."""
    reason = " ".join(reason.split())
    problems = {}
    if not reason:
        problems["reason"] = "Say why this report was a mistake."
    elif len(reason) > MAX_RETRACTION:
        problems["reason"] = f"Keep the reason to {MAX_RETRACTION} characters or fewer."
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = ReturnToUse.objects.select_for_update().get(pk=reported.pk, person=access.person)
        if current.retracted_at is not None:
            raise Conflict("This report was already taken back.")
        current.retracted_at, current.retracted_by, current.retraction_reason = clock.now(), access.actor, reason
        current.save(update_fields=["retracted_at", "retracted_by", "retraction_reason"])
        record_event(
            actor=access.actor,
            action="recovery.return_to_use_retracted",
            person=access.person,
            object_type="return_to_use",
            object_id=str(current.public_id),
            purpose=access.purpose,
            detail={"used_on": current.used_on.isoformat(), "reason": reason},
        )
    return current


@dataclass(frozen=True, slots=True)
class HelpSent:
    request: HelpRequest
    alert: Alert
    coping_skills: tuple[str, ...]  # from the person's own plan, shown to them at once
    people_to_call: tuple[str, ...]  # member public ids, from the plan


def reach_problems(*, phone: str, reach_by: str) -> dict[str, str]:
    """What is wrong with how the person asked to be reached: a number of 7 to 15 digits (ITU-T E.164's
    at most 15, as for the people in their network) or none, and call or text when a number is given."""
    problems = {}
    if phone and (
        len(phone) > MAX_PHONE
        or not PHONE_CHARACTERS.match(phone)
        or sum(c.isdigit() for c in phone) not in PHONE_DIGITS
    ):
        problems["phone"] = "Write a phone number with 7 to 15 digits, e.g. +1 555 555 0123, or leave it empty."
    if phone and reach_by not in ReachBy.values:
        problems["reach_by"] = "Choose whether you would like a call or a text."
    elif reach_by and reach_by not in ReachBy.values:
        problems["reach_by"] = "Choose call or text."
    return problems


def request_help(*, access: Access, message: str = "", phone: str = "", reach_by: str = "") -> HelpSent:
    """ "Reach my people": tell every supporter whose consent in force covers `help_requests` that the
    person would like to hear from them (neutral words; the message and the number they chose to share
    for this request wait behind sign-in), raise an alert for the care team, and hand back the coping
    steps of the person's own plan. The supporters told are kept: they, and the care team, are the ones
    who see this request's number and may say they are on it.
    Callers passed access_person(kind="help_requests", action="write")."""
    message = " ".join(message.split())
    phone = " ".join(phone.split())
    reach_by = reach_by.strip()
    problems = reach_problems(phone=phone, reach_by=reach_by)
    if len(message) > MAX_MESSAGE:
        problems["message"] = f"Keep the message to {MAX_MESSAGE} characters or fewer."
    if problems:
        raise InvalidInput(problems)
    person = access.person
    supporters = list_supporters_consented(person, Scope.HELP_REQUESTS, at=clock.now())
    with transaction.atomic():
        request = HelpRequest.objects.create(
            person=person,
            requested_by=access.actor,
            message=message,
            supporters_notified=len(supporters),
            reach_phone=phone,
            reach_by=reach_by if phone else "",
        )
        HelpRecipient.objects.bulk_create([HelpRecipient(request=request, supporter=s) for s in supporters])
        record_event(
            actor=access.actor,
            action="recovery.help_requested",
            person=person,
            object_type="help_request",
            object_id=str(request.public_id),
            purpose=access.purpose,
            detail={"supporters_notified": len(supporters), "number_shared": bool(phone), "reach_by": request.reach_by},
        )
        for supporter in supporters:
            notify(
                recipient=supporter,
                kind=Kind.HELP,
                link=f"/supporting/{person.public_id}/",
                title=HELP_TITLE.format(name=neutral_name(person.preferred_name)),
                body=HELP_BODY,
                person_public_id=person.public_id,
                urgent=True,
            )
        plan = current_plan(access)
        raised = raise_alert(
            person=person,
            **help_alert(
                message,
                supporters_notified=len(supporters),
                plan=plan,
                reach=reach_words(request.reach_phone, request.reach_by),
            ),
        )
    return HelpSent(
        request,
        raised,
        tuple(plan.coping_skills) if plan else (),
        tuple(plan.people_to_call) if plan else (),
    )


def neutral_name(name: str) -> str:
    """A name for a notification: the name itself, or "Someone" if it holds a word no notification may."""
    return name if name and not forbidden_words_in(name) else "Someone"


def reach_words(phone: str, reach_by: str) -> str:
    """How the person asked to be reached, in words ("Would like a call at +1 312 555 0199.")."""
    if not phone:
        return "No number shared for this request: reach them the usual way."
    return f"Would like {'a text' if reach_by == ReachBy.TEXT else 'a call'} at {phone}."


def say_on_it_to(*, access: Access, request_id: Any) -> HelpRequest:
    """ "I'm on it" to the request `request_id` if the reader may see it (`selectors.get_help_request`);
    otherwise NotFound, as for a wrong id, with the refused attempt audited."""
    found = get_help_request(access, request_id)
    if found is None:
        record_event(
            actor=access.actor,
            action="help_requests.act.denied",
            person=access.person,
            object_type="help_request",
            object_id=str(request_id),
            detail={"kind": "help_requests", "why": "not sent to the reader, or no such request"},
        )
        raise NotFound("help request")
    say_on_it(access=access, request=found)
    return found


def say_on_it(*, access: Access, request: HelpRequest) -> HelpResponse:
    """ "I'm on it": a supporter the request was sent to, or a member of the care team, says they are
    getting in touch. Once per responder (a second press changes nothing and answers the first); the
    person is told who, in neutral words. Callers passed access_person(kind="help_requests", action="act")."""
    access.require("help_requests", "act")
    if request.person_id != access.person.pk:
        raise Forbidden("not permitted: this request is another person's")
    sent_to_reader = HelpRecipient.objects.filter(request=request, supporter=access.actor).exists()
    if not access.allows("help_requests_all", "read") and not sent_to_reader:
        raise Forbidden("not permitted: this request was not sent to you")
    with transaction.atomic():
        response, created = HelpResponse.objects.get_or_create(request=request, responder=access.actor)
        if not created:
            return response
        record_event(
            actor=access.actor,
            action="recovery.help_on_it",
            person=access.person,
            object_type="help_request",
            object_id=str(request.public_id),
            purpose=access.purpose,
            detail={"response": str(response.public_id)},
        )
        # A display name is a person's to choose: one that would name care ("Counselor Lee") gives way,
        # so the notification stays discreet and is never refused.
        name = neutral_name(access.actor.display_name)
        notify(
            recipient=request.requested_by,
            kind=Kind.HELP,
            link=f"/people/{access.person.public_id}/help-requests/",
            title=ON_IT_TITLE.format(name=name),
            body=ON_IT_BODY.format(name=name),
            person_public_id=access.person.public_id,
            urgent=True,
        )
    return response


def help_alert(message: str, *, supporters_notified: int, plan: Any, reach: str = "") -> dict[str, Any]:
    """The team's alert of a help request (`raise_alert`'s arguments but the person), quoting the coping
    skills of the person's current plan (`plan`, or None)."""
    return {
        "kind": HELP_REQUEST_ALERT,
        # Onward policy (not in clinical-reference §21): a person asking for help is followed up
        # the same day, so the alert is high; a peer recovery coach sees it too (non-clinical).
        "severity": Severity.HIGH,
        "reasons": [
            "Asked for help with “Reach my people”."
            + (f" {reach}" if reach else "")
            + (f" Their message: “{message}”" if message else ""),
            _supporters_told(supporters_notified),
        ],
        "source_rule": "Onward policy: help request (issue 6)",
        "clinical": False,
        "plan_response": "; ".join(plan.coping_skills) if plan else "",
    }


def _supporters_told(count: int) -> str:
    """How many supporters heard of the request, in words ("No supporter", "1 supporter", "2 supporters")."""
    if count == 0:
        return "No supporter was told: no one holds a consent to receive requests for help."
    who = "1 supporter" if count == 1 else f"{count} supporters"
    return f"{who} with consent to receive requests for help {'was' if count == 1 else 'were'} told."
