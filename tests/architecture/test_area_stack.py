"""The areas are an ordered stack (docs/ARCHITECTURE.md, "Layers"): pyproject's import-linter contract
names every area in one layer of its own, or beside truly independent siblings with `|`, never `:`;
and, read from the code itself, the imports between areas hold no cycle."""

import tomllib
from collections.abc import Mapping
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = "Edges, composition, areas, shared kernel, clinical core: top to bottom"
# Django apps that are not areas: the composition layer and the API shell.
NOT_AREAS = frozenset({"api", "web"})


def layers_contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == CONTRACT)


def areas() -> set[str]:
    """Every Django app under onward/ except the composition layers."""
    return {p.parent.name for p in (ROOT / "onward").glob("*/apps.py")} - NOT_AREAS


def area_of(module: str, known: set[str]) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in known or "tests" in parts or "migrations" in parts:
        return None
    return parts[1]


def area_imports(known: set[str], ignored: set[tuple[str, str]]) -> dict[str, set[str]]:
    """Area -> the other areas its modules import at run time (imports for type checking only left out,
    as import-linter leaves them out; tests and migrations are not the area's code)."""
    graph = grimp.build_graph("onward", exclude_type_checking_imports=True)
    edges: dict[str, set[str]] = {a: set() for a in known}
    for module in graph.modules:
        source = area_of(module, known)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = area_of(imported, known)
            if target and target != source and (module, imported) not in ignored:
                edges[source].add(target)
    return edges


def find_cycle(edges: Mapping[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph as a path that ends where it starts, or None."""
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_every_area_has_one_place_in_the_stack_and_no_layer_joins_areas_with_a_colon():
    layers = layers_contract()["layers"]
    assert [layer for layer in layers if ":" in layer] == []
    placed = [name.strip().removeprefix("onward.") for layer in layers for name in layer.split("|")]
    assert sorted(a for a in placed if a in areas()) == sorted(areas())


def test_the_areas_import_each_other_without_a_cycle():
    ignored = {
        tuple(part.strip() for part in line.split("->"))
        for line in layers_contract().get("ignore_imports", [])
        if "*" not in line  # the wildcard line is the tests', which area_of leaves out already
    }
    assert find_cycle(area_imports(areas(), ignored)) is None


def test_a_cycle_is_found_however_long():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"x": {"y"}, "y": {"y"}}) == ["y", "y"]
