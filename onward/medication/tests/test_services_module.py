"""medication/services.py is the area's one write entry point: it exports every write function, and the
area's pages, API and tasks write through it."""

import ast
import inspect
from pathlib import Path

from onward.medication import doses, orders, program_settings, readiness, services, take_homes, xr_ntx

WRITE_VERBS = ("record_", "correct_", "start_", "sign_", "stop_", "dispense_", "update_", "flag_")
WRITE_MODULES = (doses, orders, program_settings, readiness, take_homes, xr_ntx)
NOT_WRITES = {"start_warning"}  # orders.start_warning reads: the warning a new order would carry
AREA = Path(services.__file__).parent


def _writes(module: object) -> set[str]:
    return {
        name
        for name, value in inspect.getmembers(module, inspect.isfunction)
        if name.startswith(WRITE_VERBS) and name not in NOT_WRITES and value.__module__ == module.__name__  # type: ignore[attr-defined]
    }


def test_services_exports_every_write_of_the_area():
    written = set().union(*(_writes(m) for m in WRITE_MODULES))
    assert written == set(services.__all__)
    for name in services.__all__:
        assert callable(getattr(services, name))


def test_the_pages_api_and_tasks_write_only_through_services():
    writes = set(services.__all__)
    direct = []
    for edge in ("api.py", "views.py", "tasks.py"):
        tree = ast.parse((AREA / edge).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in writes:
                owner = node.value.id if isinstance(node.value, ast.Name) else ""
                if owner != "services":
                    direct.append(f"{edge}: {owner}.{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module != "onward.medication.services":
                direct += [f"{edge}: from {node.module} import {a.name}" for a in node.names if a.name in writes]
    assert direct == []
