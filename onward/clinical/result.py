"""The result shape every instrument and rule returns (clinical-reference §0.3)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import MappingProxyType

from onward.clinical.frozen import Frozen

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any

REFERENCE_VERSION = "clinical-reference 1.1"  # clinical-reference §0.7: changing a number bumps it

_NO_DETAILS: Mapping[str, Any] = MappingProxyType({})


class Result(Frozen):
    """An explained result, frozen (see `frozen.Frozen`).

    `band` is the machine key (for rules: the status), `total` is None when it cannot be
    computed, `details` holds the rule's named outputs (e.g. ``max_take_home_days``).
    """

    __slots__ = (  # noqa: RUF023 - the order __init__ takes them (frozen.Frozen)
        "name",
        "items",
        "total",
        "max",
        "band",
        "band_label",
        "reasons",
        "source",
        "flags",
        "details",
        "version",
    )

    name: str
    items: Mapping[str, Any]
    total: int | Decimal | None
    max: int | None
    band: str | None
    band_label: str | None
    reasons: tuple[str, ...]
    source: str
    flags: tuple[str, ...]
    details: Mapping[str, Any]
    version: str

    def __init__(
        self,
        name: str,
        items: Mapping[str, Any],
        total: int | Decimal | None,
        max: int | None,
        band: str | None,
        band_label: str | None,
        reasons: tuple[str, ...],
        source: str,
        flags: tuple[str, ...] = (),
        details: Mapping[str, Any] = _NO_DETAILS,
        version: str = REFERENCE_VERSION,
    ) -> None:
        # Frozen means frozen: callers cannot mutate the mappings either.
        self._set_fields(
            name=name,
            items=MappingProxyType(dict(items)),
            total=total,
            max=max,
            band=band,
            band_label=band_label,
            reasons=reasons,
            source=source,
            flags=flags,
            details=MappingProxyType(dict(details)),
            version=version,
        )

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
