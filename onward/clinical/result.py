"""The result shape every instrument and rule returns (clinical-reference §0.3)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any

REFERENCE_VERSION = "clinical-reference 1.1"  # clinical-reference §0.7: changing a number bumps it


@dataclass(frozen=True, slots=True)
class Result:
    """An explained result.

    `band` is the machine key (for rules: the status), `total` is None when it cannot be
    computed, `details` holds the rule's named outputs (e.g. ``max_take_home_days``).
    """

    name: str
    items: Mapping[str, Any]
    total: int | Decimal | None
    max: int | None
    band: str | None
    band_label: str | None
    reasons: tuple[str, ...]
    source: str
    flags: tuple[str, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)
    version: str = REFERENCE_VERSION

    def __post_init__(self) -> None:
        # Frozen means frozen: callers cannot mutate the mappings either.
        object.__setattr__(self, "items", MappingProxyType(dict(self.items)))
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: dates ISO 8601, money and doses as decimal strings."""
        body: dict[str, Any] = {
            "instrument": self.name,
            "version": self.version,
            "items": jsonable(self.items),
            "total": jsonable(self.total),
            "max": self.max,
            "band": self.band,
            "band_label": self.band_label,
            "flags": list(self.flags),
            "reasons": list(self.reasons),
            "source": self.source,
        }
        for key, value in self.details.items():
            body[key] = jsonable(value)
        return body


def jsonable(value: Any) -> Any:  # noqa: PLR0911 - one branch per JSON kind
    """Turn core values (Decimal, dates, enums, tuples, mappings) into JSON values."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool) or value is None or isinstance(value, int | str | float):
        return value
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: jsonable(getattr(value, k)) for k in value.__dataclass_fields__}
    raise TypeError(f"cannot render {type(value).__name__} as JSON")
