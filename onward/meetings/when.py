"""When a meeting starts, in words: the one place that formats a meeting's time for a reader.

A weekly meeting is kept as wall-clock time in its own zone (formats.md §5); a reader sees the start in
their own zone first and, when the two clocks differ at that moment, the meeting's own time too, each
with its zone's abbreviation ("Mon 7 Dec, 13:00 EST · 12:00 CST, Chicago time"). Both are computed from
the one instant, so a clock change on either side moves them correctly.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from onward.core.words import local_label


@dataclass(frozen=True)
class MeetingTime:
    viewer: str  # "Mon 7 Dec, 13:00 EST"
    meeting: str  # "Mon 12:00 CST, Chicago time", or "" when the viewer's clock reads the same

    def __str__(self) -> str:
        return f"{self.viewer} · {self.meeting}" if self.meeting else self.viewer


def zone_place(zone: str) -> str:
    """The place an IANA zone is named after: "America/Chicago" -> "Chicago"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def meeting_time(starts_at: datetime, *, meeting_zone: str, viewer_zone: str) -> MeetingTime:
    """A meeting's start for a viewer: in the viewer's zone, and in the meeting's own when the offsets
    differ at that instant (formats.md §5 T6)."""
    viewer = starts_at.astimezone(ZoneInfo(viewer_zone))
    own = starts_at.astimezone(ZoneInfo(meeting_zone))
    same_clock = viewer.utcoffset() == own.utcoffset()
    meeting = (
        ""
        if same_clock
        else f"{local_label(starts_at, meeting_zone, with_date=False)}, {zone_place(meeting_zone)} time"
    )
    return MeetingTime(local_label(starts_at, viewer_zone), meeting)
