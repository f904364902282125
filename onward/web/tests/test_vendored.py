"""Vendored front-end files are exactly what the manifest says, and no page loads anything from outside."""

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = json.loads((ROOT / "onward/web/vendored.json").read_text(encoding="utf-8"))
FILES = [
    (package["name"], path, digest) for package in MANIFEST["packages"] for path, digest in package["files"].items()
]
TEMPLATES = sorted((ROOT / "onward").glob("*/templates/**/*.html"))
# A script's src or a stylesheet's (or any <link>'s) href.
LOADS = re.compile(r"<(?:script[^>]*\bsrc|link[^>]*\bhref)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


@pytest.mark.parametrize(("package", "path", "digest"), FILES)
def test_each_vendored_file_matches_its_recorded_sha256(package, path, digest):
    assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == digest, f"{package}: {path} changed"


def test_every_vendored_package_is_pinned_with_its_tarball_integrity():
    for package in MANIFEST["packages"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"])
        assert package["integrity"].startswith("sha512-")
        assert any(Path(p).name.startswith("LICENSE") for p in package["files"])


def test_the_templates_are_found():
    assert any(t.name == "base.html" for t in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: str(t.relative_to(ROOT)))
def test_no_template_loads_a_script_or_style_from_outside(template):
    loaded = LOADS.findall(template.read_text(encoding="utf-8"))
    outside = [url for url in loaded if re.match(r"(?:[a-z]+:)?//", url, re.IGNORECASE)]
    assert outside == []


def test_the_pattern_catches_an_outside_script():
    assert LOADS.findall('<script defer src="https://unpkg.com/htmx.org"></script>') == ["https://unpkg.com/htmx.org"]


def test_axe_core_is_never_served_to_pages():
    assert not list((ROOT / "onward").rglob("axe*.js"))
