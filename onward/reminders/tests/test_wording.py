"""Every reminder text passes the forbidden-word check of `core.neutral`: no substance, no
medication, no kind of care, no program type, whatever the date, time or branch."""

from datetime import UTC, datetime, time, timedelta

import pytest

from onward.core.neutral import FORBIDDEN_WORDS, forbidden_words_in
from onward.reminders import wording

CONSTANTS = [value for name, value in vars(wording).items() if name.isupper() and isinstance(value, str)]
ZONES = ("America/Chicago", "America/New_York", "Pacific/Honolulu", "Europe/Berlin")


def every_text() -> list[wording.Text]:
    """Each branch of every reminder, over every day of a year (each weekday and month name) and hour."""
    texts = [wording.checkin(), wording.dose(visit=True, at=time(8))]
    texts += [wording.dose(visit=False, at=time(hour, minute)) for hour in range(24) for minute in (0, 30)]
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    for days in range(366):
        for hours in (0, 7, 13, 20):
            start = now + timedelta(days=days, hours=hours)
            for zone in ZONES:
                for since in (timedelta(hours=1), timedelta(days=1), timedelta(days=3)):
                    texts.append(wording.appointment(starts_at=start, zone=zone, now=start - since))
                    texts.append(wording.meeting(starts_at=start, zone=zone, now=start - since))
    return texts


def test_the_word_list_is_the_notifications_one():
    assert "dose" in FORBIDDEN_WORDS  # the check below would catch "dose" in a title
    assert forbidden_words_in("Your dose reminder") == ["dose"]


@pytest.mark.parametrize("text", CONSTANTS)
def test_each_fixed_text_is_neutral(text):
    assert forbidden_words_in(text) == []


def test_every_generated_text_is_neutral():
    problems = {(t.title, t.body): found for t in every_text() if (found := forbidden_words_in(t.title + " " + t.body))}
    assert problems == {}


def test_a_title_fits_the_notification_title_and_body_fields():
    assert max(len(t.title) for t in every_text()) <= 120
    assert max(len(t.body) for t in every_text()) <= 300


def test_the_appointment_says_when_in_the_persons_zone():
    start = datetime(2026, 12, 4, 16, tzinfo=UTC)  # 10:00 in Chicago
    text = wording.appointment(starts_at=start, zone="America/Chicago", now=start - timedelta(days=1))
    assert text.title == "You have an appointment tomorrow (Fri 4 Dec) at 10:00"
    later = wording.appointment(starts_at=start, zone="America/Chicago", now=start - timedelta(days=2))
    assert later.title == "You have an appointment on Fri 4 Dec at 10:00"


def test_a_meeting_after_midnight_says_which_day():
    start = datetime(2026, 12, 4, 6, 15, tzinfo=UTC)  # 00:15 on the 4th in Chicago
    text = wording.meeting(starts_at=start, zone="America/Chicago", now=start - timedelta(minutes=30))
    assert text.title == "A meeting you saved starts at 00:15 tomorrow (Fri 4 Dec)"
