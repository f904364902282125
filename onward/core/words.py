"""Times and spans in the words a reader sees: a moment on the reader's clock with its zone's
abbreviation ("Mon 7 Dec, 09:00 EST"), never an ISO stamp or bare UTC; a span in whole units."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def local_label(moment: datetime, zone: str, *, with_date: bool = True) -> str:
    """`moment` on the clock of `zone`, labelled with the zone's abbreviation at that moment."""
    local = moment.astimezone(ZoneInfo(zone))
    day = f"{local:%a} {local.day} {local:%b}," if with_date else f"{local:%a}"
    return f"{day} {local:%H:%M} {local.tzname()}"


def span_words(delta: timedelta) -> str:
    """A span in its two largest whole units: "3 days 4 hours", "2 hours 25 minutes", "10 minutes"."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(shown[:2]) if shown else "less than a minute"


# A code Onward writes (a key, an action, a setting): lowercase words joined by underscores, maybe
# dotted. Not preceded or followed by what makes it part of an address, a path or a longer word.
CODE = re.compile(r"(?<![\w@/-])[a-z][a-z0-9]*(?:\.[a-z0-9]+)*(?:_[a-z0-9]+)+(?:[._][a-z0-9]+)*(?![\w@-])")
# An ISO moment as the clinical core writes it in its reasons ("2026-08-08T21:00:00Z").
ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})")


def code_words(code: str) -> str:
    """ "help_requests.read" -> "help requests: read"; "acute_phase" -> "acute phase"."""
    head, _, rest = code.partition(".")
    words = head.replace("_", " ")
    return f"{words}: {rest.replace('.', ' ').replace('_', ' ')}" if rest else words


def reason_words(text: str, zone: str) -> str:
    """A reason Onward's rules wrote (for the command line as much as for pages), as a reader sees it:
    each code in words and each ISO moment on the reader's clock. Only for text Onward writes; what a
    person or a clinician wrote is never rewritten."""
    text = CODE.sub(lambda m: code_words(m.group()), text)
    return ISO_MOMENT.sub(lambda m: local_label(_moment(m.group()), zone), text)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
