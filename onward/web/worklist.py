"""One staff worklist, with a section per role: nursing (COWS due, doses due today, open alerts) and
prescribing (readiness results waiting, orders to sign, reviews from missed doses). Each row says why
it is there; the areas' selectors read and audit the people shown. /medication/worklist/ redirects here."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES
from onward.medication.doses import MISSED_ALERT_KIND
from onward.medication.worklists import Worklist, get_worklist
from onward.withdrawal.selectors import WorkRow, list_nurse_worklist


@dataclass(frozen=True, slots=True)
class StaffWorklist:
    cows: list[WorkRow]
    alerts: list[WorkRow]
    medication: Worklist
    shows_nursing: bool  # every care-team role sees COWS due and open alerts; doses only those who dose

    @property
    def empty(self) -> bool:
        m = self.medication
        return not any(
            (self.cows, self.alerts, m.doses_due, m.readiness_waiting, m.orders_to_sign, m.missed_dose_reviews)
        )


def get_staff_worklist(actor: User) -> StaffWorklist:
    """Both areas' rows for `actor`. A missed-dose alert shown as a prescriber's review is not listed
    again under open alerts."""
    rows = list_nurse_worklist(actor=actor)
    medication = get_worklist(actor=actor)
    reviews = {r.object_id for r in medication.missed_dose_reviews}
    alerts = [r for r in rows if r.what == "alert" and not (r.alert_id in reviews and r.kind == MISSED_ALERT_KIND)]
    cows = [r for r in rows if r.what != "alert"]
    return StaffWorklist(cows, alerts, medication, shows_nursing=actor.role in CARE_TEAM_ROLES)


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    return render(request, "web/worklist.html", {"worklist": get_staff_worklist(user)})


@login_required
def old_medication_worklist(request: HttpRequest) -> HttpResponse:
    """The medication worklist is now the prescribing section of the one worklist."""
    return redirect("/worklist/#prescribing", permanent=True)
