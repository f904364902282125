"""An area reads another area only through that area's `selectors` and writes through its `services`
(conventions §4–5, docs/ARCHITECTURE.md "Layers"): no module of one area touches another area's models'
managers, and neither do the composition layers above them. Checked on the source, by AST, so it also
holds for code no test runs."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "onward"
# The areas: one Django app each, with tables only they query. Not areas: the clinical core (no
# tables), the composition layers (web, api), the demo generator (synth) and the command lines.
AREAS = frozenset(
    {
        "accounts",
        "admission",
        "alerts",
        "audit",
        "care",
        "checkins",
        "consent",
        "evaluation",
        "intake",
        "jobs",
        "medication",
        "meetings",
        "notifications",
        "people",
        "plans",
        "recovery",
        "reminders",
        "withdrawal",
    }
)
# Not areas, but they read areas too, and only through their selectors: the composition layers.
COMPOSITION = frozenset({"api", "summaries", "web"})
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})


def area_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "onward" and parts[1] in AREAS else None


def foreign_model_uses(source: str, area: str, filename: str = "<source>") -> list[str]:
    """Each place `source`, a module of `area`, uses another area's model manager: `Model.objects`,
    `models.Model.objects`, `onward.x.models.Model._default_manager`, or `apps.get_model("x", …)`."""
    tree = ast.parse(source, filename)
    foreign_models, foreign_modules = _foreign_imports(tree, area)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            owner = _foreign_owner(node.value, foreign_models, foreign_modules, area)
            if owner:
                found.append(f"{filename}:{node.lineno} {owner}.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get_model":
            label = _app_label(node)
            if label and label in AREAS and label != area:
                found.append(f"{filename}:{node.lineno} get_model({label!r})")
    return found


def _foreign_imports(tree: ast.AST, area: str) -> tuple[dict[str, str], dict[str, str]]:
    """Local names bound to another area's models ("other.Model") and to another area's models module."""
    models: dict[str, str] = {}
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and area_of(node.module) not in (None, area):
            other = area_of(node.module)
            for alias in node.names:
                if node.module == f"onward.{other}.models":
                    models[alias.asname or alias.name] = f"{other}.{alias.name}"
                elif node.module == f"onward.{other}" and alias.name == "models":
                    modules[alias.asname or alias.name] = str(other)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                other = area_of(alias.name)
                if other not in (None, area) and alias.name == f"onward.{other}.models" and alias.asname:
                    modules[alias.asname] = str(other)
    return models, modules


def _foreign_owner(value: ast.expr, models: dict[str, str], modules: dict[str, str], area: str) -> str | None:
    if isinstance(value, ast.Name):
        return models.get(value.id)
    if isinstance(value, ast.Attribute):
        inner = value.value
        if isinstance(inner, ast.Name) and inner.id in modules:
            return f"{modules[inner.id]}.{value.attr}"
        dotted = ast.unparse(inner)
        other = area_of(dotted)
        if other and other != area and dotted == f"onward.{other}.models":
            return f"{other}.{value.attr}"
    return None


def _app_label(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value.split(".")[0]
    return None


def area_modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] not in AREAS | COMPOSITION or {"tests", "migrations"} & set(relative.parts):
            continue
        found.append((relative.parts[0], path))
    return found


def test_no_area_nor_composition_layer_uses_another_areas_model_managers():
    found = [
        use
        for area, path in area_modules()
        for use in foreign_model_uses(path.read_text(encoding="utf-8"), area, str(path.relative_to(ROOT.parent)))
    ]
    assert found == [], "read through the other area's selectors, write through its services:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "from onward.meetings.models import Meeting\nMeeting.objects.filter(pk=1)",
        "from onward.meetings.models import Meeting as M\nM._default_manager.all()",
        "from onward.meetings import models\nmodels.Meeting.objects.all()",
        "import onward.meetings.models as m\nm.Meeting.objects.all()",
        "import onward.meetings.models\nonward.meetings.models.Meeting.objects.all()",
        "from django.apps import apps\napps.get_model('meetings', 'Meeting').objects.all()",
        "from django.apps import apps\napps.get_model('meetings.Meeting')",
    ],
)
def test_the_check_sees_each_way_of_reaching_another_areas_table(source):
    assert foreign_model_uses(source, "checkins") != []


@pytest.mark.parametrize(
    "source",
    [
        "from onward.checkins.models import CheckIn\nCheckIn.objects.all()",  # its own area
        "from onward.meetings.models import Meeting\ndef f(m: Meeting) -> None: ...",  # a type only
        "from onward.meetings import selectors\nselectors.list_saved(access)",
    ],
)
def test_the_check_allows_an_areas_own_tables_and_other_areas_selectors(source):
    assert foreign_model_uses(source, "checkins") == []


def test_every_onward_app_with_tables_is_checked_as_an_area():
    """A new area is checked from the day it exists: every Django app of Onward is an area here, a
    composition layer, or the shared kernel."""
    from django.conf import settings  # noqa: PLC0415

    apps = {name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("onward.")}
    assert apps - AREAS - COMPOSITION - {"core"} == set()
