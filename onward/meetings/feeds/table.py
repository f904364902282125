"""The table (CSV / Google Sheet) variant of Meeting Guide (formats.md §1.8): a header row in any column
order, plain-English headings, one meeting per row. Each row becomes a Meeting Guide item and goes
through the same reader as a JSON feed (§1.2–§1.7); a rejection also names its row and column, as a
spreadsheet shows them (the header is row 1). No Django, no clock.
"""

import csv
import io
from dataclasses import dataclass, replace

from onward.meetings.feeds import meeting_guide
from onward.meetings.feeds.record import FeedError, ParsedFeed, SourceSettings

# The Meeting Guide keys a table may carry (§1.2), after "Conference URL" → "conference_url".
KEYS = frozenset(
    {
        "slug",
        "name",
        "day",
        "time",
        "end_time",
        "timezone",
        "formatted_address",
        "address",
        "city",
        "state",
        "postal_code",
        "country",
        "approximate",
        "latitude",
        "longitude",
        "coordinates",
        "region",
        "sub_region",
        "sub_sub_region",
        "regions",
        "location",
        "location_notes",
        "notes",
        "group",
        "group_notes",
        "types",
        "conference_url",
        "conference_url_notes",
        "conference_phone",
        "conference_phone_notes",
        "updated",
        "url",
        "edit_url",
        "feedback_url",
        "feedback_emails",
        "venmo",
        "square",
        "paypal",
        "homegroup_online",
        "entity",
        "entity_email",
        "entity_phone",
        "entity_location",
        "entity_logo",
        "entity_url",
        "entity_website_url",
        *(f"contact_{n}_{part}" for n in (1, 2, 3) for part in ("name", "email", "phone")),
    }
)
ALIASES = {"id": "slug", "full_address": "formatted_address"}
# How a report names a field the file has no column for: the sheet's heading (§1.8).
HEADINGS = {"slug": "ID", "formatted_address": "Full Address", "conference_url": "Conference URL"}
REGION_SEPARATOR = ">"
MAX_ROWS = 100_000
NOT_UTF8 = "the file is not UTF-8 text; in a spreadsheet choose 'CSV UTF-8' when saving"


@dataclass(frozen=True)
class Table:
    items: list[dict[str, object]]
    rows: list[int]  # the spreadsheet row number of each item
    headings: dict[str, str]  # Meeting Guide key → heading as written in the file
    ignored: list[str]  # headings that name no Meeting Guide field

    def heading(self, key: str | None) -> str:
        if key is None:
            return ""
        return self.headings.get(key) or HEADINGS.get(key) or key.replace("_", " ").title()


def key_of(heading: str) -> str:
    """`Conference URL` → `conference_url`; `ID` → `slug`; `Full Address` → `formatted_address`."""
    key = "_".join(heading.strip().lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def read_table(body: bytes) -> Table:
    """The rows as Meeting Guide items (blank rows skipped); a file that is not such a table fails whole."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedError("feed_unreadable", NOT_UTF8) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise FeedError("feed_unreadable", "the file is empty; the first row must hold the column headings")
        headings: dict[str, str] = {}
        columns: list[str | None] = []
        ignored = []
        for heading in header:
            key = key_of(heading)
            if key in headings:
                raise FeedError("feed_unreadable", f"the heading {heading!r} appears twice")
            if key in KEYS:
                headings[key] = heading.strip()
                columns.append(key)
            else:
                columns.append(None)
                if heading.strip():
                    ignored.append(heading.strip())
        if "slug" not in headings:
            raise FeedError("feed_unreadable", "the table needs an ID column: each meeting's key, unique in the file")
        items: list[dict[str, object]] = []
        rows: list[int] = []
        last_line = reader.line_num
        for cells in reader:
            row, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(items) >= MAX_ROWS:
                raise FeedError("feed_unreadable", f"the table has more than {MAX_ROWS} meetings")
            items.append(_item(columns, cells))
            rows.append(row)
    except csv.Error as error:
        raise FeedError("feed_unreadable", f"the file is not a readable CSV table: {error}") from error
    return Table(items, rows, headings, ignored)


def _item(columns: list[str | None], cells: list[str]) -> dict[str, object]:
    item: dict[str, object] = {}
    for key, cell in zip(columns, cells, strict=False):
        if key is None or not cell.strip():
            continue
        item[key] = cell
    regions = item.get("regions")
    if isinstance(regions, str):
        item["regions"] = [level.strip() for level in regions.split(REGION_SEPARATOR) if level.strip()]
    return item


def parse(body: bytes, settings: SourceSettings) -> tuple[ParsedFeed, Table]:
    """The table read by the Meeting Guide rules; each rejection carries its row and column."""
    table = read_table(body)
    parsed = meeting_guide.parse(table.items, settings)
    rejections = [
        replace(rejection, row=table.rows[rejection.index], column=table.heading(rejection.field) or None)
        for rejection in parsed.rejections
    ]
    return ParsedFeed(parsed.records, rejections, parsed.positions, tuple(table.rows)), table
