"""The permission table: role × record kind × action → the relationship that grants it.

The table is `permission_table.md` beside this file, copied verbatim into docs/ARCHITECTURE.md (a test
keeps the two equal), so people and code read the same thing. Cells:

- `self`: the record is the actor's own (the person in recovery);
- `team`: the actor is on the care team of the person's program today (42 CFR 2.12(c)(3));
- `program`: the actor is a program administrator or analyst of the person's program today;
- `consent:SCOPE`: the person gave the actor a consent with that scope, in force today (42 CFR 2.31);
- `—`: never.

Everything not in the table is denied.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType

TABLE_PATH = Path(__file__).with_name("permission_table.md")
NEVER = "—"


class Relationship(StrEnum):
    SELF = "self"
    TEAM = "team"
    PROGRAM = "program"
    CONSENT = "consent"
    EMERGENCY = "emergency"  # break the glass (42 CFR 2.51); never a table cell


@dataclass(frozen=True, slots=True)
class Grant:
    relationship: Relationship
    scope: str = ""  # the consent scope, for CONSENT only


@dataclass(frozen=True, slots=True)
class Table:
    roles: tuple[str, ...]
    grants: MappingProxyType[tuple[str, str, str], Grant]  # (kind, action, role) -> grant

    def grant_for(self, kind: str, action: str, role: str) -> Grant | None:
        """The relationship under which `role` may do `action` on `kind`, or None: never."""
        return self.grants.get((kind, action, role))

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _, _ in self.grants)


def parse(text: str) -> Table:
    """Read the markdown table; unknown cells are an error, so a typo cannot grant access."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    header = _cells(lines[0])
    if header[:2] != ["record kind", "action"]:
        raise ValueError("the permission table must start with 'record kind | action'")
    roles = tuple(header[2:])
    grants: dict[tuple[str, str, str], Grant] = {}
    for line in lines[2:]:
        kind, action, *cells = _cells(line)
        if len(cells) != len(roles):
            raise ValueError(f"row {kind}/{action} has {len(cells)} cells for {len(roles)} roles")
        for role, cell in zip(roles, cells, strict=True):
            if cell == NEVER:
                continue
            relationship, _, scope = cell.partition(":")
            if relationship == Relationship.EMERGENCY:
                raise ValueError(f"cell {cell!r} of {kind}/{action}/{role}: emergencies are not granted by the table")
            grant = Grant(Relationship(relationship), scope)
            if (grant.relationship is Relationship.CONSENT) != bool(scope):
                raise ValueError(f"cell {cell!r} of {kind}/{action}/{role}: only consent takes a scope")
            grants[(kind, action, role)] = grant
    return Table(roles, MappingProxyType(grants))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("|").split("|")]


@cache
def table() -> Table:
    return parse(TABLE_PATH.read_text(encoding="utf-8"))
