"""Addresses, coordinates and "approximate" for Meeting Guide records (formats.md §1.4)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from onward.meetings.feeds.fields import plain, point, present
from onward.meetings.feeds.record import Flags

# fmt: off
US_STATES = frozenset({
    "AL", "AK", "AS", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FM", "FL", "GA", "GU", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MH", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "MP", "OH", "OK", "OR", "PW", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VI", "VA", "WA", "WV",
    "WI", "WY",
})
# fmt: on
CANADIAN_PROVINCES = frozenset(["AB", "BC", "MB", "NB", "NL", "NT", "NS", "NU", "ON", "PE", "QC", "SK", "YT"])
SPECIFIC_ADDRESS_PARTS = 4  # fewer comma-separated parts than this: only an area (TSML UI's rule)
POINT_COMMAS = 1
AREA_COMMAS = 3


@dataclass(frozen=True)
class Address:
    address_line: str
    city: str
    state: str
    postal_code: str
    country: str
    formatted_address: str
    approximate: bool
    latitude: Decimal | None
    longitude: Decimal | None

    @property
    def exists(self) -> bool:
        return bool(self.formatted_address)


def build_formatted(address_line: str, city: str, state: str, postal_code: str, country: str) -> str:
    """TSML UI's one-line address from the atomic fields, country inferred from a US or Canadian code."""
    if not country and state in US_STATES:
        country = "USA"
    elif not country and state in CANADIAN_PROVINCES:
        country = "Canada"
    parts = [address_line, city, f"{state} {postal_code}".strip(), country]
    return ", ".join(part for part in parts if part)


def _coordinates_string(item: dict[str, Any]) -> list[str] | None:
    raw = present(item.get("coordinates"))
    if not isinstance(raw, str) or raw.count(",") not in {POINT_COMMAS, AREA_COMMAS}:
        return None
    return [part.strip() for part in raw.split(",")]


def _approximate_value(raw: Any, flags: Flags) -> bool | None:
    raw = present(raw)
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in {"yes", "no"}:
        return raw.lower() == "yes"
    flags.add("approximate_invalid", str(raw))
    return None


def read_address(item: dict[str, Any], flags: Flags) -> Address:
    """The address with the first-rule-wins approximate test of §1.4 and the coordinate rules of §1.2."""
    atomic = [plain(item.get(key)) for key in ("address", "city", "state", "postal_code", "country")]
    formatted = plain(item.get("formatted_address")) or build_formatted(*atomic)
    coordinates = _coordinates_string(item)
    given = _approximate_value(item.get("approximate"), flags)
    if coordinates is not None:
        approximate = len(coordinates) > POINT_COMMAS + 1
    elif given is not None:
        approximate = given
    else:
        approximate = len([part for part in formatted.split(",") if part.strip()]) < SPECIFIC_ADDRESS_PARTS
        if approximate and formatted:
            flags.add("address_assumed_approximate", formatted)
    latitude, longitude = item.get("latitude"), item.get("longitude")
    if present(latitude) is None and present(longitude) is None and coordinates and len(coordinates) == 2:
        latitude, longitude = coordinates
    found = point(latitude, longitude)
    if found is None and (present(latitude) is not None or present(longitude) is not None):
        flags.add("coordinates_invalid", f"{latitude},{longitude}")
    lat, lng = found or (None, None)
    street, city, state, postal_code, country = atomic
    return Address(street, city, state, postal_code, country, formatted, approximate, lat, lng)
