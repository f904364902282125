"""One staff worklist, with a section per role: nursing (COWS due, doses due today, open alerts) and
prescribing (readiness results waiting, orders to sign, reviews from missed doses). Each row says why
it is there; the areas' selectors read and audit the people shown. Each section shows its first
`SECTION_ROWS` rows and says how many more there are; `?show=<section>` opens one section in full.
/medication/worklist/ redirects here."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES
from onward.admission.selectors import OtpRow, list_otp_due
from onward.alerts.selectors import page_open_alerts_for
from onward.intake.selectors import clocks_needing_attention
from onward.medication.doses import MISSED_ALERT_KIND
from onward.medication.worklists import Worklist, get_worklist
from onward.people.models import Person
from onward.summaries.caseload import facts_of
from onward.web.links import may_open, may_open_section
from onward.withdrawal.selectors import WorkRow, alert_row, list_cows_due

SECTION_ROWS = 20
# `?show=` names of the sections, and the medication worklist's field for each of its own.
MEDICATION_SECTIONS = {
    "doses": "doses_due",
    "readiness": "readiness_waiting",
    "orders": "orders_to_sign",
    "reviews": "missed_dose_reviews",
}
SECTIONS = ("cows", "alerts", "otp", *MEDICATION_SECTIONS)


@dataclass(frozen=True, slots=True)
class StaffWorklist:
    cows: list[WorkRow]
    alerts: list[WorkRow]
    medication: Worklist
    shows_nursing: bool  # every care-team role sees COWS due and open alerts; doses only those who dose
    more: dict[str, int]  # rows not shown, by `?show=` name of the section (absent when none)
    shows_cows: bool = True  # whether the reader may open the detox pages the COWS rows link to
    otp: tuple[OtpRow, ...] = ()  # opioid treatment program items not yet done (clinical-reference §8)
    shows_otp: bool = False  # whether the reader may open the admission pages the OTP rows link to

    @property
    def empty(self) -> bool:
        m = self.medication
        return not any(
            (
                self.cows,
                self.alerts,
                self.otp,
                m.doses_due,
                m.readiness_waiting,
                m.orders_to_sign,
                m.missed_dose_reviews,
            )
        )


def get_staff_worklist(actor: User, *, limit: int | None = SECTION_ROWS, show: str = "") -> StaffWorklist:
    """Both areas' rows for `actor`, each section cut to `limit` rows but section `show`. A missed-dose
    alert shown as a prescriber's review is not listed again under open alerts."""
    cut = {name: None if name == show else limit for name in SECTIONS}
    medication = get_worklist(actor=actor, limit=limit, full=MEDICATION_SECTIONS.get(show, ""))
    # No walls: COWS rows only for those who may open the detox page they link to (a coach may not).
    cows, cows_total = list_cows_due(actor=actor, limit=cut["cows"]) if may_open_section(actor, "cows") else ([], 0)
    alerts, alerts_total = page_open_alerts_for(
        actor=actor,
        limit=cut["alerts"],
        exclude_kind=MISSED_ALERT_KIND if medication.reviews_missed_doses else "",
    )
    shows_otp = may_open_section(actor, "otp")
    otp, otp_total = list_otp_due(actor=actor, limit=cut["otp"]) if shows_otp else ([], 0)
    totals = {"cows": (len(cows), cows_total), "alerts": (len(alerts), alerts_total), "otp": (len(otp), otp_total)} | {
        name: (len(getattr(medication, field)), medication.total(field)) for name, field in MEDICATION_SECTIONS.items()
    }
    more = {name: total - shown for name, (shown, total) in totals.items() if total > shown}
    rows = [alert_row(a) for a in alerts]
    _tell_apart(actor, [*cows, *rows], medication, extra=[row.person for row in otp])
    return StaffWorklist(
        cows,
        rows,
        medication,
        shows_nursing=actor.role in CARE_TEAM_ROLES,
        more=more,
        shows_cows=may_open_section(actor, "cows"),
        otp=tuple(otp),
        shows_otp=shows_otp,
    )


def _tell_apart(actor: User, rows: list[WorkRow], medication: Worklist, extra: list[Person] | None = None) -> None:
    """Each row's person gets the facts the caseload shows (issue 15: staff tell people apart in every
    list), read for all the people on the page at once."""
    people = [row.person for row in rows if row.person is not None] + list(extra or [])
    for field in MEDICATION_SECTIONS.values():
        people.extend(row.person for row in getattr(medication, field))
    facts = facts_of(actor=actor, people=people)
    for person in people:
        person.listed = facts.get(person.pk)  # type: ignore[attr-defined]  # read by the rows' template only


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    show = request.GET.get("show", "")
    if show and show not in SECTIONS:
        raise Http404("no such section")
    # Requests for treatment whose block-grant admission clock is due soon or missed (clinical-reference §22).
    intake = clocks_needing_attention(user) if may_open(user, "intake") and not show else []
    context = {"worklist": get_staff_worklist(user, show=show), "show": show, "intake_clocks": intake}
    return render(request, "web/worklist.html", context)


@login_required
def old_medication_worklist(request: HttpRequest) -> HttpResponse:
    """The medication worklist is now the prescribing section of the one worklist."""
    return redirect("/worklist/#prescribing", permanent=True)
