"""Which local dates an order's doses fall on. Every 4 weeks is the XR-NTX label interval
(clinical-reference §9); the other schedules are plain day counts named by the order."""

from datetime import date, timedelta

from onward.clinical.rules.naltrexone_readiness import XR_NTX_INTERVAL_DAYS
from onward.medication.models import MedicationOrder, Schedule

INTERVAL_DAYS = {
    Schedule.DAILY: 1,
    Schedule.EVERY_OTHER_DAY: 2,
    Schedule.EVERY_THIRD_DAY: 3,
    Schedule.EVERY_4_WEEKS: XR_NTX_INTERVAL_DAYS,
}


def is_due(order: MedicationOrder, day: date) -> bool:
    """A dose of `order` falls on the local date `day` (within start and stop, on the schedule)."""
    if day < order.starts_on or (order.stops_on is not None and day > order.stops_on):
        return False
    return (day - order.starts_on).days % INTERVAL_DAYS[Schedule(order.schedule)] == 0


def next_due_on(order: MedicationOrder, since: date) -> date | None:
    """The first local date on or after `since` with a dose due, or None after the stop date."""
    day = max(since, order.starts_on)
    interval = INTERVAL_DAYS[Schedule(order.schedule)]
    remainder = (day - order.starts_on).days % interval
    if remainder:
        day += timedelta(days=interval - remainder)
    if order.stops_on is not None and day > order.stops_on:
        return None
    return day
