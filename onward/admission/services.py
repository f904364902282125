"""Writes of placement, admission, restriction requests and OTP clocks: validated, audited, one
transaction each. Kinds: `placements`, `admissions`, `otp_clocks` (permission table); admission also
writes `episodes` (people.services) and `care_team` (people.care_team)."""

from datetime import date
from typing import Any

from django.db import transaction

from onward.accounts.models import User
from onward.admission.models import Admission, ClockDone, Placement, RestrictionAnswer, RestrictionRequest
from onward.audit.services import record_event
from onward.clinical import care_levels
from onward.clinical.rules import otp_clocks
from onward.core.errors import Conflict, InvalidInput
from onward.intake import services as intake
from onward.people import care_team
from onward.people import services as people
from onward.people.access import Access
from onward.people.models import TeamRole

DIMENSIONS = ("1", "2", "3", "4", "5", "6")
RATED_4TH = ("1", "2", "3", "4", "5")  # clinical-reference §14: 4th-edition dimension 6 is unrated
RATING_3RD = range(5)  # 0–4 per dimension, 3rd edition (§14: the 4th edition's ratings are "not 0–4")
MAX_TEXT = 1000
MAX_RATING = 100
MAX_NOTE = 300


def place(
    *,
    access: Access,
    edition: str,
    ratings: dict[str, Any],
    reasons: dict[str, str],
    recommended_level: str,
    chosen_level: str,
    override_reason: str,
    placed_on: date,
) -> Placement:
    """Record a placement (clinical-reference §14): ratings with a reason each, the recommended and the
    chosen level; when they differ the reason is required (§0.5: Onward never blocks the decision)."""
    access.require("placements", "write")
    problems: dict[str, str] = {}
    if edition not in {e.value for e in care_levels.Edition}:
        problems["edition"] = "must be 3 (ASAM Criteria 2013) or 4 (2023)"
        raise InvalidInput(problems)
    clean_ratings = _ratings(edition, ratings, problems)
    clean_reasons: dict[str, str] = {}
    for dim in DIMENSIONS:
        text = str(reasons.get(dim) or "").strip()
        if not text:
            problems[f"reason_{dim}"] = "give the reason for this dimension"
        elif len(text) > MAX_TEXT:
            problems[f"reason_{dim}"] = f"at most {MAX_TEXT} characters"
        clean_reasons[dim] = text
    unknown = (set(ratings) | set(reasons)) - set(DIMENSIONS)
    problems |= {f"dimension_{d}": "ASAM dimensions are 1 to 6" for d in sorted(unknown)}
    codes = care_levels.LEVELS[care_levels.Edition(edition)]
    for name, level in (("recommended_level", recommended_level), ("chosen_level", chosen_level)):
        if level not in codes:
            problems[name] = f"is not a level of edition {edition}; allowed: {', '.join(codes)}"
    override_reason = override_reason.strip()
    if recommended_level != chosen_level and not override_reason:
        problems["override_reason"] = "the chosen level differs from the recommended one: say why"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        placement = Placement.objects.create(
            person=access.person,
            edition=edition,
            ratings=clean_ratings,
            reasons=clean_reasons,
            recommended_level=recommended_level,
            chosen_level=chosen_level,
            override_reason=override_reason if recommended_level != chosen_level else "",
            placed_on=placed_on,
            placed_by=access.actor,
        )
        _audit(
            access,
            "placement.recorded",
            "placement",
            placement.public_id,
            {"edition": edition, "recommended": recommended_level, "chosen": chosen_level},
        )
    return placement


def admit_person(
    *,
    access: Access,
    placement: Placement | None,
    admitted_on: date | None,
    part2_notice_given: bool,
    primary_counselor: User | None,
    prescriber: User | None = None,
    interim: bool = False,
    restriction: dict[str, Any] | None = None,
) -> Admission:
    """Admit an enrolled person: open the episode (people.services.admit) at the placement's chosen level
    (start_level_of_care), put the team on the person's care team, record that the Part 2 notice was
    given (42 CFR 2.22, §18.10) and any restriction asked for (§2.26, §18.8) with the program's answer.
    Interim treatment only at an opioid treatment program (§8). The intake request this admission
    answers is marked admitted by the caller (intake is wired by the composition layer, not here)."""
    access.require("admissions", "write")
    program = access.person.program
    problems = _admission_problems(
        access, placement, admitted_on, part2_notice_given=part2_notice_given, interim=interim
    )
    for field, user in (("primary_counselor", primary_counselor), ("prescriber", prescriber)):
        if user is None:
            if field == "primary_counselor":
                problems[field] = "choose the person's primary counselor"
        elif admitted_on is not None:
            found = care_team.check_may_take_assignment(user, program_id=program.pk, on=admitted_on)
            if found:
                problems[field] = found["user"]
    if restriction is not None:
        problems |= _restriction_problems(restriction)
    if problems:
        raise InvalidInput(problems)
    assert placement is not None  # noqa: S101 - problems raised otherwise
    assert admitted_on is not None  # noqa: S101
    assert primary_counselor is not None  # noqa: S101
    with transaction.atomic():
        episode = people.admit(access=access, admitted_on=admitted_on)
        people.start_level_of_care(
            access=access,
            episode=episode,
            edition=placement.edition,
            level=placement.chosen_level,
            started_on=admitted_on,
        )
        admission = Admission.objects.create(
            person=access.person,
            episode=episode,
            placement=placement,
            admitted_on=admitted_on,
            edition=placement.edition,
            level=placement.chosen_level,
            at_otp=program.is_opioid_treatment_program,
            interim=interim,
            part2_notice_given_on=admitted_on,
            part2_notice_given_by=access.actor,
            admitted_by=access.actor,
        )
        for user, role in ((primary_counselor, TeamRole.PRIMARY_COUNSELOR), (prescriber, TeamRole.PRESCRIBER)):
            if user is not None:
                care_team.add_member(access=access, user=user, team_role=role, starts_on=admitted_on)
        _audit(
            access,
            "admission.recorded",
            "admission",
            admission.public_id,
            {"level": admission.level, "edition": admission.edition, "otp": admission.at_otp, "interim": interim},
        )
        _audit(access, "part2_notice.given", "admission", admission.public_id, {"given_on": admitted_on.isoformat()})
        if restriction is not None:
            _create_restriction(access, admission, restriction)
        # A request from the front door linked at enrolment is answered: admitted (its §22 clocks stop).
        intake.admitted_with_record(access=access, admitted_on=admitted_on)
    return admission


def record_restriction(*, access: Access, admission: Admission, values: dict[str, Any]) -> RestrictionRequest:
    """A restriction the person asks for after admission, with the program's answer (§18.8)."""
    access.require("admissions", "write")
    problems = _restriction_problems(values)
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        return _create_restriction(access, admission, values)


def record_clock_done(
    *, access: Access, admission: Admission, clock: str, done_on: date | None, note: str = ""
) -> ClockDone:
    """Record that an OTP clock's item was done (date, by the actor). One record per clock."""
    access.require("otp_clocks", "write")
    problems: dict[str, str] = {}
    running = {c.value for c in otp_clocks.clocks_for(admission.admitted_on, interim=admission.interim)}
    if not admission.at_otp:
        problems["clock"] = "this admission was not at an opioid treatment program; it runs no OTP clocks"
    elif clock not in running:
        problems["clock"] = "is not a clock of this admission: " + ", ".join(sorted(running))
    if done_on is None:
        problems["done_on"] = "is required"
    elif done_on < admission.admitted_on:
        problems["done_on"] = f"must be on or after the admission, {admission.admitted_on:%d %B %Y}"
    if len(note) > MAX_NOTE:
        problems["note"] = f"at most {MAX_NOTE} characters"
    if problems:
        raise InvalidInput(problems)
    assert done_on is not None  # noqa: S101
    with transaction.atomic():
        if ClockDone.objects.select_for_update().filter(admission=admission, clock=clock).exists():
            raise Conflict("this item is already recorded as done")
        done = ClockDone.objects.create(
            admission=admission, clock=clock, done_on=done_on, done_by=access.actor, note=note.strip()
        )
        _audit(
            access, "otp_clock.done", "admission", admission.public_id, {"clock": clock, "done_on": done_on.isoformat()}
        )
    return done


def _ratings(edition: str, ratings: dict[str, Any], problems: dict[str, str]) -> dict[str, int | str]:
    """The ratings of `edition` (§14): 0–4 for the 3rd edition; the 4th's as written, dimension 6 unrated."""
    clean: dict[str, int | str] = {}
    rated = DIMENSIONS if edition == "3" else RATED_4TH
    for dim in DIMENSIONS:
        value = ratings.get(dim)
        if dim not in rated:
            if value not in (None, ""):
                problems[f"rating_{dim}"] = "dimension 6 is not rated in the 4th edition; write its reason only"
        elif edition == "3":
            if isinstance(value, bool) or not isinstance(value, int) or value not in RATING_3RD:
                problems[f"rating_{dim}"] = "must be a whole number from 0 to 4"
            else:
                clean[dim] = value
        elif not isinstance(value, str) or not value.strip():
            problems[f"rating_{dim}"] = 'write the rating as the 4th edition gives it, e.g. "3A = Min 3.7"'
        elif len(value) > MAX_RATING:
            problems[f"rating_{dim}"] = f"at most {MAX_RATING} characters"
        else:
            clean[dim] = value.strip()
    return clean


def _admission_problems(
    access: Access, placement: Placement | None, admitted_on: date | None, *, part2_notice_given: bool, interim: bool
) -> dict[str, str]:
    program = access.person.program
    problems: dict[str, str] = {}
    if placement is None:
        problems["placement"] = "place the person first: admission opens the episode at the placement's chosen level"
    elif placement.person_id != access.person.pk:
        problems["placement"] = "must be a placement of this person"
    elif program.levels_offered and f"{placement.edition}:{placement.chosen_level}" not in program.levels_offered:
        problems["placement"] = (
            f"{program.name} does not offer level {placement.chosen_level} (edition {placement.edition}); "
            "change the program's levels or record a new placement"
        )
    if admitted_on is None:
        problems["admitted_on"] = "is required"
    elif placement is not None and admitted_on < placement.placed_on:
        problems["admitted_on"] = f"must be on or after the placement, {placement.placed_on:%d %B %Y}"
    if not part2_notice_given:
        problems["part2_notice_given"] = "give the person the Part 2 notice and confirm it here"
    if interim and not program.is_opioid_treatment_program:
        problems["interim"] = "interim treatment is for opioid treatment programs only"
    return problems


def _restriction_problems(values: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not str(values.get("request") or "").strip():
        problems["restriction_request"] = "say what the person asks to limit"
    if values.get("answer") not in RestrictionAnswer.values:
        problems["restriction_answer"] = "record the program's answer: granted or refused"
    elif values.get("self_paid_from_health_plan") and values.get("answer") != RestrictionAnswer.GRANTED:
        problems["restriction_answer"] = (
            "keeping from a health plan services the person paid for in full must be granted (42 CFR 2.26)"
        )
    if not isinstance(values.get("requested_on"), date):
        problems["restriction_requested_on"] = "is required"
    return problems


def _create_restriction(access: Access, admission: Admission, values: dict[str, Any]) -> RestrictionRequest:
    row = RestrictionRequest.objects.create(
        person=access.person,
        admission=admission,
        requested_on=values["requested_on"],
        request=str(values["request"]).strip(),
        self_paid_from_health_plan=bool(values.get("self_paid_from_health_plan")),
        answer=values["answer"],
        answer_note=str(values.get("answer_note") or "").strip(),
        answered_by=access.actor,
    )
    _audit(access, "restriction.answered", "restriction", row.public_id, {"answer": row.answer})
    return row


def _audit(access: Access, action: str, object_type: str, object_id: object, detail: dict[str, Any]) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type=object_type,
        object_id=str(object_id),
        purpose=access.purpose,
        detail=detail,
    )
