"""Doses as people write them: 90 mg, 2.5 mg, 0.18 mg (the stored two decimal places are not shown)."""

from decimal import Decimal


def mg(value: Decimal | None) -> str:
    """A dose in milligrams without trailing zeros; empty for no dose."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")
