"""The shape of a person's record as each area contributes its part (`onward/<area>/export_part.py`).

A part is a list of sections; a section is one kind of row (one model, or one model with what hangs
off it) with the items that belong to the person. Each section says, before anything is read, which
record kind of the permission table it is and which consent scope (if any) could share it with a
supporter, so that a caller can ask a part for just the sections a reader may see: the person's
export asks for all of them (`kinds=None`). Not for a supporter's view as it stands: a section's items are
the whole record of that kind (every episode, every plan version), more than a consent's scope describes
(42 CFR 2.31), so `scopes=` only picks sections; see docs/ARCHITECTURE.md, "The person's record (export)".

Items are plain mappings: an `id` (the row's public id, or the stable id the section's `id_note`
describes) and the row's dates as aware datetimes or dates; the composition turns them into JSON.
"""

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class PersonAccess(Protocol):
    """What a part needs of the access it is given (`people.access.Access` is one)."""

    @property
    def actor(self) -> Any: ...

    @property
    def person(self) -> Any: ...


Item = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One section of a part, declared before anything is read."""

    key: str  # unique in the whole record, e.g. "checkins"
    title: str  # as the printable page heads it
    models: tuple[str, ...]  # the model labels whose rows it carries, the first being the rows listed
    kind: str  # the permission table's record kind, e.g. "checkins"
    scope: str | None  # the consent scope that may share it with a supporter; None: never shared
    read: Callable[[PersonAccess], Iterable[Item]]  # the person's items, in a fixed number of queries
    id_note: str = "public id"  # what `id` is, where a model has no public id


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    model: str
    kind: str
    scope: str | None
    id_note: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class ExportPart:
    area: str
    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class PartSpec:
    """An area's part: its sections, and what of its person-linked data it leaves out, and why."""

    area: str
    title: str
    sections: tuple[SectionSpec, ...]
    excluded: Mapping[str, str] = field(default_factory=dict)  # "label" or "label.field" -> the reason

    @property
    def covers(self) -> frozenset[str]:
        return frozenset(label for s in self.sections for label in s.models)

    def build(
        self, access: PersonAccess, *, kinds: Collection[str] | None = None, scopes: Collection[str] | None = None
    ) -> ExportPart:
        """Read the sections for `access.person` — all, or those of `kinds`, or those a consent to `scopes`
        covers (a section without a scope is never among them); the caller checked access."""
        chosen = [
            s
            for s in self.sections
            if (kinds is None or s.kind in kinds) and (scopes is None or (s.scope is not None and s.scope in scopes))
        ]
        return ExportPart(
            self.area,
            self.title,
            tuple(
                Section(s.key, s.title, s.models[0], s.kind, s.scope, s.id_note, tuple(s.read(access))) for s in chosen
            ),
        )


def corrections(rows: list[Any]) -> tuple[dict[int, Any], set[int]]:
    """For append-only rows with `corrects` (all of one person's, already read): each row's public id
    by primary key, and the keys of the rows a later row corrects, so no further query is needed."""
    public_ids = {r.pk: r.public_id for r in rows}
    return public_ids, {r.corrects_id for r in rows if r.corrects_id is not None}


def correction_fields(row: Any, public_ids: dict[int, Any], corrected: set[int]) -> dict[str, Any]:
    """How an item shows its place in a correction chain: what it corrects and why, and whether a later
    row corrected it (then it is no longer the current one)."""
    return {
        "corrects": public_ids.get(row.corrects_id) if row.corrects_id else None,
        "correction_reason": row.correction_reason,
        "corrected_later": row.pk in corrected,
    }


def label(row: Any) -> str:
    """A user's name as a record shows it ("" for none)."""
    return "" if row is None else str(getattr(row, "display_name", row))
