"""Which reminders are due at a moment: pure reads, no writes (the service sends them).

Every reminder has a due time (UTC) computed on the right wall clock: the check-in and dose times on
the person's, an appointment's "day before" on the person's (the same local time on the previous local
date, so a clock change between the two days moves nothing), a saved meeting's start on the meeting's
own calendar (`meetings.feeds.timezones`, T3/T4). A reminder is due from its due time until
`LATE_LIMIT` after it (a worker that was stopped catches up, but never tells of something long past),
and an appointment's or meeting's never once it has started.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from onward.care.selectors import booked_starting_between
from onward.checkins.selectors import days_checked_in
from onward.medication.models import Medication, MedicationOrder, Schedule
from onward.medication.schedule import is_due
from onward.medication.selectors import active_orders, covered_by_take_home, logged_dose_days, take_homes_of
from onward.meetings.feeds.timezones import occurrence_on, occurrences_between
from onward.meetings.selectors import saved_weekly_meetings
from onward.people.models import Person
from onward.reminders import wording
from onward.reminders.models import AppointmentLead, ReminderKind, ReminderSettings

# A reminder not sent within an hour of its time is not sent (product choice: a late "time for your
# check-in" is still useful within the hour; later, it is noise).
LATE_LIMIT = timedelta(hours=1)
HOURS_BEFORE = {AppointmentLead.TWO_HOURS: timedelta(hours=2), AppointmentLead.ONE_HOUR: timedelta(hours=1)}
LONGEST_LEAD = timedelta(hours=26)  # the day before, plus an hour gained at a clock change, plus slack
TINY = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Due:
    person: Person
    kind: ReminderKind
    subject: str  # the order, appointment or meeting public id; "" for the check-in
    lead: str
    due_at: datetime
    text: wording.Text
    link: str


def in_window(due_at: datetime, now: datetime) -> bool:
    return due_at <= now < due_at + LATE_LIMIT


def local_at(day: date, at: time, zone: str) -> datetime:
    """The instant of wall-clock `at` on local `day` in `zone` (a time in a spring-forward gap takes the
    offset before the gap; a repeated autumn time means the first: one instant either way)."""
    return occurrence_on(day, at, zone)


def recent_days(now: datetime, zone: str) -> tuple[date, date]:
    """The person's local yesterday and today (a reminder due just before midnight is still in window)."""
    today = now.astimezone(ZoneInfo(zone)).date()
    return today - timedelta(days=1), today


def due_reminders(people: list[Person], settings: dict[int, ReminderSettings], *, now: datetime) -> list[Due]:
    return [
        *_checkins(people, settings, now),
        *_doses(people, settings, now),
        *_appointments(people, settings, now),
        *_meetings(people, settings, now),
    ]


def _checkins(people: list[Person], settings: dict[int, ReminderSettings], now: datetime) -> Iterator[Due]:
    wanted = []
    for person in people:
        chosen = settings[person.pk]
        if not chosen.checkin_enabled:
            continue
        for day in recent_days(now, person.time_zone):
            due_at = local_at(day, chosen.checkin_time, person.time_zone)
            if in_window(due_at, now):
                wanted.append((person, day, due_at))
    done = days_checked_in([p.pk for p, _, _ in wanted], {day for _, day, _ in wanted})
    for person, day, due_at in wanted:
        if (person.pk, day) in done:
            continue  # already checked in that day: nothing to remind
        link = reverse("checkins:checkin", kwargs={"person_id": person.public_id})
        yield Due(person, ReminderKind.CHECKIN, "", "", due_at, wording.checkin(), link)


def is_visit(order: MedicationOrder, *, take_home: bool) -> bool:
    """A dose given at the program: observed methadone on a day no take-home covers, or the 4-weekly
    injection. Other doses the person takes on their own."""
    if order.schedule == Schedule.EVERY_4_WEEKS:
        return True
    return order.medication == Medication.METHADONE and not take_home


def _doses(people: list[Person], settings: dict[int, ReminderSettings], now: datetime) -> Iterator[Due]:
    chosen = {p.pk: p for p in people if settings[p.pk].doses_enabled}
    if not chosen:
        return
    orders = active_orders(list(chosen))
    wanted = []
    for order in orders:
        person = chosen[order.person_id]
        at = settings[person.pk].dose_time
        for day in recent_days(now, person.time_zone):
            due_at = local_at(day, at, person.time_zone)
            if is_due(order, day) and in_window(due_at, now):
                wanted.append((person, order, day, due_at))
    if not wanted:
        return
    logged = logged_dose_days([o for _, o, _, _ in wanted], {day for _, _, day, _ in wanted})
    dispensed = take_homes_of([o for _, o, _, _ in wanted])
    for person, order, day, due_at in wanted:
        if (order.pk, day) in logged:
            continue  # already taken, or already recorded as missed or declined
        visit = is_visit(order, take_home=covered_by_take_home(order, day, dispensed))
        text = wording.dose(visit=visit, at=settings[person.pk].dose_time)
        link = reverse("medication:person", kwargs={"person_id": person.public_id})
        yield Due(person, ReminderKind.DOSE, str(order.public_id), "", due_at, text, link)


def appointment_due_at(starts_at: datetime, lead: str, zone: str) -> datetime:
    if lead == AppointmentLead.DAY_BEFORE:
        local = starts_at.astimezone(ZoneInfo(zone))
        return local_at(local.date() - timedelta(days=1), local.time(), zone)
    return starts_at - HOURS_BEFORE[AppointmentLead(lead)]


def _appointments(people: list[Person], settings: dict[int, ReminderSettings], now: datetime) -> Iterator[Due]:
    chosen = {p.pk: p for p in people if settings[p.pk].appointments_enabled and settings[p.pk].appointment_leads}
    if not chosen:
        return
    for appointment in booked_starting_between(list(chosen), after=now, until=now + LONGEST_LEAD):
        person = chosen[appointment.person_id]
        for lead in settings[person.pk].appointment_leads:
            due_at = appointment_due_at(appointment.starts_at, lead, person.time_zone)
            if in_window(due_at, now):
                text = wording.appointment(starts_at=appointment.starts_at, zone=person.time_zone, now=now)
                link = reverse("care:person-appointments", kwargs={"person_id": person.public_id})
                yield Due(person, ReminderKind.APPOINTMENT, str(appointment.public_id), lead, due_at, text, link)


def _meetings(people: list[Person], settings: dict[int, ReminderSettings], now: datetime) -> Iterator[Due]:
    chosen = {p.pk: p for p in people if settings[p.pk].meetings_enabled}
    if not chosen:
        return
    for person_id, meeting in saved_weekly_meetings(list(chosen)):
        person = chosen[person_id]
        lead = timedelta(minutes=settings[person_id].meeting_lead_minutes)
        if meeting.day is None or meeting.start_time is None:
            continue  # selected weekly; kept for the type checker
        # start - lead <= now < start - lead + LATE_LIMIT, and now < start
        low = max(now, now + lead - LATE_LIMIT) + TINY
        for start in occurrences_between(meeting.day, meeting.start_time, meeting.timezone, low, now + lead + TINY):
            local_day = start.astimezone(ZoneInfo(meeting.timezone)).date()
            if local_day.isoformat() in meeting.cancelled_dates:
                continue
            text = wording.meeting(starts_at=start, zone=person.time_zone, now=now)
            link = reverse("meetings:person", kwargs={"person_id": person.public_id})
            yield Due(
                person, ReminderKind.MEETING, str(meeting.public_id), str(lead.seconds // 60), start - lead, text, link
            )
