"""Reads of placements, admissions and OTP clocks, through the access path (kinds `placements`,
`admissions`, `otp_clocks`), and the team's OTP worklist rows and the overdue items the daily job alerts."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from onward.accounts.models import User
from onward.accounts.selectors import care_team_program_ids
from onward.admission.models import Admission, ClockDone, Placement
from onward.audit.services import record_reads
from onward.clinical import care_levels
from onward.clinical.rules import loc_hours, otp_clocks
from onward.core import clock
from onward.people.access import Access, Purpose, role_grant, visible_people
from onward.people.models import Person


def list_placements(access: Access) -> QuerySet[Placement]:
    access.require("placements", "read")
    return Placement.objects.filter(person=access.person).select_related("placed_by").order_by("-placed_on", "-pk")


def get_placement(access: Access, placement_id: Any) -> Placement | None:
    return list_placements(access).filter(public_id=placement_id).first()


def list_admissions(access: Access) -> QuerySet[Admission]:
    access.require("admissions", "read")
    return (
        Admission.objects.filter(person=access.person)
        .select_related("episode", "placement", "part2_notice_given_by", "admitted_by")
        .prefetch_related("restrictions", "clocks_done__done_by")
        .order_by("-admitted_on", "-pk")
    )


def get_admission(access: Access, admission_id: Any) -> Admission | None:
    return list_admissions(access).filter(public_id=admission_id).first()


def level_words(edition: str, code: str) -> str:
    """'2.1 Intensive Outpatient Services (ASAM edition 3)'; the hours for the 3rd edition (LOC-HOURS)."""
    described = care_levels.describe(edition, code)
    name = described[0] if described else "unknown level"
    hours = loc_hours.weekly_hours(edition, code)
    return f"{code} {name} (ASAM edition {edition})" + (f": {hours}" if hours else "")


def due_items(admission: Admission, *, today: date) -> tuple[otp_clocks.DueItem, ...]:
    """The admission's OTP clocks on `today` (none unless admitted at an OTP); the caller read `otp_clocks`."""
    if not admission.at_otp:
        return ()
    done = {d.clock: d.done_on for d in admission.clocks_done.all()}
    return otp_clocks.due_items(admission.admitted_on, interim=admission.interim, today=today, done=done)


def done_records(admission: Admission) -> dict[str, ClockDone]:
    return {d.clock: d for d in admission.clocks_done.all()}


def open_otp_admission(access: Access) -> Admission | None:
    """The person's admission at an OTP whose episode is still open, if any (kind `otp_clocks`)."""
    access.require("otp_clocks", "read")
    return (
        Admission.objects.filter(person=access.person, at_otp=True, episode__discharged_on__isnull=True)
        .prefetch_related("clocks_done")
        .order_by("-admitted_on")
        .first()
    )


@dataclass(frozen=True, slots=True)
class OtpRow:
    person: Person
    item: otp_clocks.DueItem
    link: str


def _open_otp_admissions(person_ids: Any = None) -> QuerySet[Admission]:
    admissions = Admission.objects.filter(at_otp=True, episode__discharged_on__isnull=True)
    if person_ids is not None:
        admissions = admissions.filter(person__in=person_ids)
    return (
        admissions.select_related("person", "person__program")
        .prefetch_related("clocks_done")
        .order_by("admitted_on", "pk")
    )


def list_otp_due(*, actor: User, limit: int | None = None) -> tuple[list[OtpRow], int]:
    """OTP items not yet done for the people the actor treats (overdue first, then soonest): the first
    `limit` rows and how many in all. One audited read per person shown (kind `otp_clocks`)."""
    if role_grant(actor, "otp_clocks", "read") is None:
        return [], 0
    today = clock.now().date()
    treated = visible_people(actor).filter(program_id__in=care_team_program_ids(actor, on=today))
    rows: list[OtpRow] = []
    for admission in _open_otp_admissions(treated):
        local = clock.today_in(admission.person.program.time_zone)
        for item in due_items(admission, today=local):
            if item.done_on is None:
                link = f"/people/{admission.person.public_id}/admission/{admission.public_id}/"
                rows.append(OtpRow(admission.person, item, link))
    rows.sort(key=lambda r: (r.item.status != otp_clocks.Status.OVERDUE, r.item.due_on))
    shown = rows if limit is None else rows[:limit]
    people = {row.person.pk: row.person for row in shown}.values()
    record_reads(actor=actor, people=people, action="otp_clocks.listed", purpose_of=lambda _p: Purpose.TREATMENT)
    return shown, len(rows)


def list_overdue_items() -> list[tuple[Admission, otp_clocks.DueItem]]:
    """Every open OTP admission's overdue item, on each program's local date (for the daily alert job)."""
    found: list[tuple[Admission, otp_clocks.DueItem]] = []
    for admission in _open_otp_admissions():
        local = clock.today_in(admission.person.program.time_zone)
        found.extend(
            (admission, item) for item in due_items(admission, today=local) if item.status == otp_clocks.Status.OVERDUE
        )
    return found
