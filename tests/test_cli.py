"""The `onward` command line through a real subprocess: JSON contract, exit codes, no tracebacks."""

import json
import subprocess
import sys

import pytest

from onward.clinical import registry

COWS_15 = [
    "resting_pulse=2",
    "sweating=1",
    "restlessness=1",
    "pupil_size=1",
    "bone_joint_aches=1",
    "runny_nose_tearing=2",
    "gi_upset=1",
    "tremor=1",
    "yawning=1",
    "anxiety_irritability=1",
    "gooseflesh=3",
]


def onward(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onward.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_a_cows_score_prints_the_reference_shape_as_json():
    done = onward("score", "cows", *COWS_15, "--json")
    assert done.returncode == 0
    body = json.loads(done.stdout)
    assert {
        "instrument",
        "version",
        "items",
        "total",
        "max",
        "band",
        "band_label",
        "flags",
        "reasons",
        "source",
    } <= body.keys()
    assert (body["total"], body["max"], body["band"]) == (15, 48, "moderate")


def test_input_from_standard_input_gives_the_same_result():
    answers = dict(arg.split("=") for arg in COWS_15)
    done = onward("score", "cows", "--input", "-", "--json", stdin=json.dumps({k: int(v) for k, v in answers.items()}))
    assert json.loads(done.stdout)["total"] == 15


def test_a_bad_value_exits_two_and_names_the_field_without_a_traceback():
    done = onward("score", "cows", *COWS_15[:-1], "gooseflesh=1", "--json")
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "invalid_input"
    assert set(error["fields"]) == {"gooseflesh"}
    assert "0, 3, 5" in error["fields"]["gooseflesh"]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [("score", "bam"), ("rule", "nope"), ("frobnicate",), ("score", "cows", "x")])
def test_unknown_names_and_malformed_arguments_exit_two_with_a_json_error(args):
    done = onward(*args, "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["fields"]


def test_input_that_is_not_a_json_object_is_bad_input():
    done = onward("score", "cows", "--input", "-", "--json", stdin="[1, 2]")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["fields"] == {"--input": "must be a JSON object"}


@pytest.mark.parametrize("verb", ["score", "rule"])
def test_the_lists_name_every_registered_command_with_its_source(verb):
    done = onward(verb, "--list", "--json")
    assert done.returncode == 0
    listed = json.loads(done.stdout)
    table = registry.INSTRUMENTS if verb == "score" else registry.RULES
    assert [c["name"] for c in listed] == list(table)
    assert all(c["source"].startswith("clinical-reference §") and c["params"] for c in listed)


# Each of these costs the command line more start-up time than it is worth (bench/cli_startup.py):
# dataclasses pulls inspect (ast, dis, tokenize); typing pulls re and more; pathlib only --input FILE needs.
SLOW_MODULES = {"dataclasses", "inspect", "typing", "pathlib"}


def modules_loaded_by(*args: str) -> set[str]:
    probe = (
        "import io, sys; from onward.cli import main; "
        f"main({list(args)!r}, stdout=io.StringIO()); print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_the_command_line_does_not_import_django_or_the_other_instruments(output):
    loaded = modules_loaded_by("score", "cows", *COWS_15, *output)
    assert not {m for m in loaded if m.split(".")[0] == "django"}
    assert {m for m in loaded if m.startswith("onward.clinical.instruments")} == {
        "onward.clinical.instruments",
        "onward.clinical.instruments.cows",
    }


@pytest.mark.parametrize(("output", "not_needed"), [([], {"json", "re"}), (["--json"], set())])
def test_scoring_cows_imports_no_module_it_does_not_need(output, not_needed):
    loaded = modules_loaded_by("score", "cows", *COWS_15, *output)
    assert loaded & (SLOW_MODULES | not_needed) == set()
