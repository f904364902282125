"""The contingency-management rules through the real `onward` command line (clinical-reference §13)."""

import json
import subprocess
import sys

BOWL = "praise:250,1.00:209,20.00:40,100.00:1"


def onward(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onward.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_thirty_six_negatives_print_997_50_earned_and_750_payable_as_decimal_strings():
    done = onward("rule", "cm-escalating", "results=" + ",".join("N" * 36), "--json")
    assert done.returncode == 0
    body = json.loads(done.stdout)
    assert (body["total"], body["payable"], body["band"]) == ("997.50", "750.00", "cap_reached")
    assert body["per_sample"][30] == "40.00"
    assert body["ledger"][30]["credited"] == "31.25"
    assert body["ledger"][31]["reason"].endswith("yearly cap reached: $0.00 credited (cap $750.00)")


def test_escalating_reads_a_json_list_of_words_from_standard_input():
    answers = {"results": ["negative"] * 36, "preset": "silverman_1996", "cap": "2000"}
    done = onward("rule", "cm-escalating", "--input", "-", "--json", stdin=json.dumps(answers))
    body = json.loads(done.stdout)
    assert (body["total"], body["payable"], body["schedule"]) == ("1155.00", "1155.00", "silverman_1996")


def test_escalating_bad_input_exits_two_naming_each_field():
    done = onward("rule", "cm-escalating", "results=N,Z", "cap=-5", "bonus_every=0", "--json")
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {"results[1]", "cap", "bonus_every"}
    assert "Traceback" not in done.stderr


def test_prize_draw_prints_expected_values_and_the_same_draws_for_the_same_seed():
    args = ("rule", "cm-prize-draw", "results=N,N,P,N", f"bowl={BOWL}", "start_draws=1", "draw_increment=1")
    expected = json.loads(onward(*args, "--json").stdout)
    assert (expected["total"], expected["per_sample_draws"], expected["band"]) == ("8.87", [1, 2, 0, 1], "expected")
    first, again = (json.loads(onward(*args, "seed=11", "--json").stdout) for _ in range(2))
    assert first == again
    assert first["band"] in {"under_cap", "cap_reached"}


def test_prize_draw_without_the_program_settings_exits_two():
    done = onward("rule", "cm-prize-draw", "results=N", "--json")
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {"bowl", "start_draws", "draw_increment"}


def test_prize_draw_reads_a_bowl_object_from_a_json_file(tmp_path):
    path = tmp_path / "program.json"
    bowl = {"praise": 1, "2.00": 1}
    path.write_text(json.dumps({"results": ["N", "N"], "bowl": bowl, "start_draws": 1, "draw_increment": 2}))
    body = json.loads(onward("rule", "cm-prize-draw", "--input", str(path), "--json").stdout)
    assert (body["per_sample"], body["total"]) == (["1.00", "3.00"], "4.00")
