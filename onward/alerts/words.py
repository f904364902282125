"""An alert's reasons in the words a reader reads: reasons are kept as the rule wrote them (with the
keys and ISO dates that make them exact), and shown with each date written out ("26 Nov 2026") and each
key in words ("methadone_non_prescribed" → "methadone not prescribed to the person", "warning_signs" →
"warning signs"). Plain text in, plain text out; the template escapes it."""

import re
from datetime import date

from onward.people.models import PrimarySubstance

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!T\d)\b")
ISO_MOMENT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?Z")  # UTC only
KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# Keys that have a label of their own; any other key reads with spaces for underscores.
LABELS = {s.value: s.label.lower() for s in PrimarySubstance if "_" in s.value}


def _date(match: re.Match[str]) -> str:
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    return f"{day.day} {day:%b %Y}"


def _moment(match: re.Match[str]) -> str:
    return f"{_date(match)}, {match.group(4)}:{match.group(5)} UTC"


def in_words(text: str) -> str:
    """`text` with ISO dates and moments written out and snake_case keys in words."""
    text = ISO_MOMENT.sub(_moment, text)
    text = ISO_DATE.sub(_date, text)
    return KEY.sub(lambda m: LABELS.get(m.group(0), m.group(0).replace("_", " ")), text)
