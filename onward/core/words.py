"""Times and spans in the words a reader sees: a moment on the reader's clock with its zone's
abbreviation ("Mon 7 Dec, 09:00 EST"), never an ISO stamp or bare UTC; a span in whole units."""

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
