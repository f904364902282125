"""Reminder choices (`onward.reminders`): the demo person saved theirs (the check-in at 20:30, saved
meetings an hour before); some others saved their own (pathways), each save audited as
`reminders.changed` on the person's chain with the names of the fields that changed, as
`reminders.services.update_settings` records it (the choices checked and compared with the defaults by its
`chosen_settings`); the rest keep the defaults, which are not stored.

`SentReminder` is not synthesized: it is the worker's once-only ledger of reminders sent from now on,
and the synthetic history sends none (the notifications it holds are those of alerts).
"""

from datetime import time, timedelta
from typing import Any

from onward.reminders.models import DEFAULT_APPOINTMENT_LEADS, AppointmentLead, MeetingLead, ReminderSettings
from onward.reminders.services import FIELDS, chosen_settings
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject

MODELS = (ReminderSettings,)
DEFAULTS = {field: getattr(ReminderSettings(), field) for field in FIELDS}  # the model's defaults
DEMO = {"checkin_time": time(20, 30), "meetings_enabled": True, "meeting_lead_minutes": MeetingLead.SIXTY.value}


def person(population: Population, subject: Subject) -> None:
    """Only notes who may have saved choices: the draws wait for `finish`, so that adding this area
    leaves every other area's draws for every person as they were."""
    noted = population.shared.setdefault("reminder_people", [])
    noted.append((subject.person, subject.account, subject.episodes[0].admitted_on, subject.is_demo_person))


def finish(population: Population) -> None:
    rng = population.rng
    for person_row, account, admitted_on, is_demo in population.shared.pop("reminder_people", []):
        if is_demo:
            chosen = DEFAULTS | DEMO
        elif rng.random() < p.SAVED_REMINDERS_SHARE.value:
            chosen = _drawn(population)
        else:
            continue
        first = admitted_on + timedelta(days=rng.randint(1, 14))
        if first >= population.anchor:
            continue
        at = population.at(first, rng.randint(12, 23), rng.randrange(60))
        values, changed = chosen_settings(ReminderSettings(), **chosen)  # checked as update_settings checks them
        population.add(ReminderSettings, person_id=person_row.pk, updated_at=at, **values)
        key = (person_row.pk, str(person_row.public_id))
        population.event(
            PendingEvent(key, at, account, "reminders.changed", "", "", "self", detail={"changed": changed})
        )
        population.stats["reminder choices saved"]["demo" if is_demo else "drawn"] += 1


def _drawn(population: Population) -> dict[str, Any]:
    rng = population.rng
    chances = p.REMINDER_CHOICES.value
    leads = list(DEFAULT_APPOINTMENT_LEADS)
    if rng.random() < chances["one_hour_not_two"]:
        leads = [AppointmentLead.DAY_BEFORE.value, AppointmentLead.ONE_HOUR.value]
    return DEFAULTS | {
        "checkin_enabled": rng.random() >= chances["checkin_off"],
        "checkin_time": time.fromisoformat(rng.choice(p.CHECKIN_REMINDER_TIMES.value)),
        "doses_enabled": rng.random() >= chances["doses_off"],
        "dose_time": time.fromisoformat(rng.choice(p.DOSE_REMINDER_TIMES.value)),
        "appointments_enabled": rng.random() >= chances["appointments_off"],
        "appointment_leads": leads,
        "meetings_enabled": rng.random() < chances["meetings_on"],
        "meeting_lead_minutes": rng.choice(MeetingLead.values),
    }
