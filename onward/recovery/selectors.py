"""Reads of stretches, milestones and help requests. Callers passed access_person: `checkins` read for
returns to use and stretches, `help_requests` read for help requests (audited there)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from onward.core import clock
from onward.core.errors import Forbidden
from onward.people.access import Access
from onward.recovery import stretches
from onward.recovery.models import HelpRequest, ReturnToUse, Source

HELP_REQUESTS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class RecoveryHistory:
    recovery_started_on: date
    today: date
    history: stretches.History
    milestones: tuple[stretches.Milestone, ...]  # of the current stretch: reached, then the next one
    earlier: tuple[tuple[date, date | None, int], ...]  # earlier stretches: first day, last day, days


def list_returns_to_use(access: Access) -> QuerySet[ReturnToUse]:
    """Returns to use are for the person and the care team only (`returns_to_use`). The `checkins` read
    row also grants a supporter under scope `checkin_streak`, which covers the streak, "not your
    answers" (consent DESCRIPTIONS): that grant alone is refused here."""
    if not access.allows("returns_to_use", "read"):
        raise Forbidden("not permitted: returns to use are not shared with supporters")
    return ReturnToUse.objects.filter(person=access.person).order_by("-used_on")


def list_standing_returns(access: Access) -> QuerySet[ReturnToUse]:
    """The returns to use that count for the stretches: every one not taken back."""
    return list_returns_to_use(access).filter(retracted_at__isnull=True)


def get_history(access: Access) -> RecoveryHistory | None:
    """Stretches and the current stretch's milestones on the person's local date; None without a
    recovery start date (the care team and the person set it together)."""
    start = access.person.recovery_started_on
    if start is None:
        return None
    today = clock.today_in(access.person.time_zone)
    found = stretches.history(start, list_standing_returns(access).values_list("used_on", flat=True), today=today)
    earlier = tuple((s.started_on, s.ended_on, s.days(today=today)) for s in found.earlier)
    return RecoveryHistory(start, today, found, stretches.milestones(found.current.started_on, today=today), earlier)


def list_help_requests(access: Access) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(person=access.person).order_by("-created_at")[:HELP_REQUESTS_SHOWN]


def has_standing_return_on(access: Access, day: date) -> bool:
    """Whether a return to use not taken back is recorded for the person's local date `day`."""
    return ReturnToUse.objects.filter(person=access.person, used_on=day, retracted_at__isnull=True).exists()


def standing_return_from_checkin(access: Access, day: date) -> ReturnToUse | None:
    """The return to use a check-in recorded for `day`, unless taken back since."""
    return ReturnToUse.objects.filter(
        person=access.person, used_on=day, source=Source.CHECKIN, retracted_at__isnull=True
    ).first()
