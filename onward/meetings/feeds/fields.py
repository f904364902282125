"""Reading one feed value: absent values, text, clock times, links, phones, coordinates (formats.md §1.2, §4.4)."""

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

MAX_NAME_LENGTH = 255
MINUTES_PER_DAY = 24 * 60
MIN_PHONE_LENGTH = 10  # TSML UI's threshold for a dialable conference number
COORDINATE_PLACES = Decimal("0.00001")  # 5 decimals, about 1 m
MAX_LATITUDE = 90
MAX_LONGITUDE = 180

DEFAULT_PROVIDERS = (
    "bluejeans.com",
    "discord.gg",
    "freeconference.com",
    "freeconferencecall.com",
    "goto.com",
    "gotomeet.me",
    "gotomeeting.com",
    "horizon.meta.com",
    "maps.secondlife.com",
    "meet.google.com",
    "meet.jit.si",
    "meetings.dialpad.com",
    "signal.group",
    "skype.com",
    "slurl.com",
    "teams.live.com",
    "teams.microsoft.com",
    "vrchat.com",
    "webex.com",
    "zoho.com",
    "zoom.us",
)

_CLOCK_24 = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_CLOCK_12 = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])\.?[Mm]\.?$")
_BREAK = re.compile(r"<br\s*/?>|</p\s*>", re.IGNORECASE)
_PHONE_KEEP = re.compile(r"[^0-9+,*#]")


def present(value: Any) -> Any:
    """The value, or None when it means "absent": null, "" or whitespace only; strings come back trimmed."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def plain(value: Any) -> str:
    """A scalar as trimmed text ("" when absent); numbers become their decimal text, other shapes ""."""
    value = present(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.saw_tag = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.saw_tag = True

    def handle_endtag(self, tag: str) -> None:
        self.saw_tag = True

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def clean_text(value: Any) -> tuple[str, bool]:
    """§4.4 text: line breaks kept (`<br>`, `</p>`, CRLF → `\\n`), other tags dropped keeping their text,
    entities unescaped, trimmed. Returns the text and whether a tag was removed."""
    raw = plain(value)
    if not raw:
        return "", False
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    broken = _BREAK.sub("\n", raw)
    parser = _TextOnly()
    parser.feed(broken)
    parser.close()
    text = unescape("".join(parser.parts)).strip()
    return text, parser.saw_tag or broken != raw


def parse_clock(value: str) -> int | None:
    """Minutes after midnight of `H:MM`, `HH:MM`, `HH:MM:SS` or `h:mm AM`/`h:mm PM`; None if unparseable."""
    text = value.strip()
    if match := _CLOCK_24.match(text):
        hours, minutes = int(match[1]), int(match[2])
        if hours < 24 and minutes < 60 and int(match[3] or 0) < 60:
            return hours * 60 + minutes
        return None
    if match := _CLOCK_12.match(text):
        hours, minutes = int(match[1]), int(match[2])
        if not 1 <= hours <= 12 or minutes >= 60 or int(match[3] or 0) >= 60:
            return None
        afternoon = match[4].lower() == "p"
        return (hours % 12 + (12 if afternoon else 0)) * 60 + minutes
    return None


def is_provider_link(url: str, providers: tuple[str, ...]) -> bool:
    """§1.5 host test: http(s), and the host equals a listed domain or ends with "." + that domain."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return False
    return any(host == domain or host.endswith("." + domain) for domain in providers)


def clean_phone(value: str) -> str:
    """Keep only `0-9 + , * #` (§1.2)."""
    return _PHONE_KEEP.sub("", value)


def is_dialable(cleaned: str) -> bool:
    return len(cleaned) >= MIN_PHONE_LENGTH


def is_web_url(value: str, *, mailto: bool = False) -> bool:
    lowered = value.lower()
    return lowered.startswith(("http://", "https://")) or (mailto and lowered.startswith("mailto:"))


def coordinate(value: Any) -> Decimal | None:
    """A number or numeric string as a Decimal rounded to 5 places; None when it is not a finite number."""
    value = present(value)
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return number.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_EVEN)


def point(latitude: Any, longitude: Any) -> tuple[Decimal, Decimal] | None:
    """Both present, in range and not both 0, else None (§1.2)."""
    lat, lng = coordinate(latitude), coordinate(longitude)
    if lat is None or lng is None or abs(lat) > MAX_LATITUDE or abs(lng) > MAX_LONGITUDE:
        return None
    if lat == 0 and lng == 0:
        return None
    return lat, lng
