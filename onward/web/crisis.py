"""Crisis and help lines, read from `crisis_lines.json` (dated reference data, clinical-reference §16)."""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("crisis_lines.json")


@dataclass(frozen=True, slots=True)
class CrisisLine:
    key: str
    name: str
    action: str
    href: str
    notes: str
    source: str
    checked_on: date
    header: bool


@cache
def crisis_lines() -> tuple[CrisisLine, ...]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(CrisisLine(**(line | {"checked_on": date.fromisoformat(line["checked_on"])})) for line in raw["lines"])


def header_lines() -> tuple[CrisisLine, ...]:
    """The lines every page's header shows, emergency services first."""
    return tuple(line for line in crisis_lines() if line.header)
