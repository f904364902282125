"""Reading raw inputs for the command line and `--input` JSON into typed values.

A raw value is either a string (from ``key=value``) or a JSON value. Each reader
returns the typed value or records a problem in `problems` and returns None, so a
caller can report every bad field at once (clinical-reference §0.4: never clamp,
never round, a bool is not a number).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any

MISSING = "is required"


class Reader:
    """Collects problems while reading fields of one raw mapping."""

    def __init__(self, raw: Mapping[str, Any], known: frozenset[str] | set[str]) -> None:
        self.raw = raw
        self.problems: dict[str, str] = {}
        for key in raw.keys() - set(known):
            self.problems[key] = f"is not an input here; allowed: {', '.join(sorted(known))}"

    def has(self, key: str) -> bool:
        return key in self.raw and self.raw[key] not in ("", None)

    def _get(self, key: str, *, required: bool, hint: str = "") -> Any:
        if not self.has(key):
            if required:
                self.problems[key] = MISSING + hint
            return None
        return self.raw[key]

    def integer(
        self,
        key: str,
        *,
        required: bool = True,
        allowed: frozenset[int] | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        value = self._get(key, required=required, hint=_range_text(allowed, minimum, maximum))
        if value is None:
            return None
        number = to_int(value)
        if number is None:
            self.problems[key] = "must be a whole number" + _range_text(allowed, minimum, maximum)
            return None
        if (allowed is not None and number not in allowed) or (
            (minimum is not None and number < minimum) or (maximum is not None and number > maximum)
        ):
            self.problems[key] = f"{number} is not allowed" + _range_text(allowed, minimum, maximum)
            return None
        return number

    def decimal(self, key: str, *, required: bool = True, minimum: Decimal | None = None) -> Decimal | None:
        value = self._get(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems[key] = "must be a decimal number such as 2.50"
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problems[key] = "must be a decimal number such as 2.50"
            return None
        if not number.is_finite() or (minimum is not None and number < minimum):
            floor = "" if minimum is None else f" of at least {minimum}"
            self.problems[key] = f"must be a finite decimal number{floor}"
            return None
        return number

    def boolean(self, key: str, *, required: bool = True) -> bool | None:
        value = self._get(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false"}:
            return value.lower() == "true"
        self.problems[key] = "must be true or false"
        return None

    def choice(self, key: str, allowed: tuple[str, ...], *, required: bool = True) -> str | None:
        value = self._get(key, required=required, hint=f"; allowed: {', '.join(allowed)}")
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.problems[key] = f"must be one of {', '.join(allowed)}"
            return None
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self._get(key, required=required)
        if value is None:
            return None
        parsed = to_date(value)
        if parsed is None:
            self.problems[key] = "must be a date as YYYY-MM-DD"
        return parsed

    def moment(self, key: str, *, required: bool = True) -> datetime | None:
        value = self._get(key, required=required)
        if value is None:
            return None
        parsed = to_datetime(value)
        if parsed is None:
            self.problems[key] = "must be an ISO 8601 date-time with Z or an offset, e.g. 2025-03-01T20:00:00Z"
        return parsed

    def text_list(self, key: str, *, required: bool = True) -> list[str] | None:
        """A list from JSON, or a comma-separated string from key=value."""
        value = self._get(key, required=required)
        if value is None:
            return None
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self.problems[key] = "must be a list of text values (comma-separated on the command line)"
        return None

    def raw_value(self, key: str, *, required: bool = True) -> Any:
        return self._get(key, required=required)


def to_int(value: Any) -> int | None:
    """An int from an int or a decimal-digit string; bools and floats are not ints."""
    if type(value) is int:
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit() and text.isascii():
            return int(text)
    return None


def to_date(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or len(value.strip()) != len("2025-01-01"):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def to_datetime(value: Any) -> datetime | None:
    """An aware datetime; a naive one is bad input (clinical-reference §0.2)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and "T" in value.upper():
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    return parsed


def _range_text(allowed: frozenset[int] | None, minimum: int | None, maximum: int | None) -> str:
    if allowed is not None:
        return f"; allowed: {', '.join(str(v) for v in sorted(allowed))}"
    if minimum is not None and maximum is not None:
        return f"; allowed: {minimum} to {maximum}"
    if minimum is not None:
        return f"; allowed: {minimum} or more"
    return ""
