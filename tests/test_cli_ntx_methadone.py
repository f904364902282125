"""`onward rule naltrexone-readiness` and `methadone-first-dose` through a real subprocess."""

import json
import subprocess
import sys


def onward(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onward.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


NTX = [
    "assessed_at=2025-05-08T10:00:00Z",
    "last_opioid_at=2025-05-01T22:00:00Z",
    "withdrawal_signs=false",
    "urine_opioid_positive=false",
]


def test_naltrexone_readiness_from_key_value_text_gives_the_reference_example():
    done = onward("rule", "naltrexone-readiness", *NTX, "--json")
    assert done.returncode == 0
    body = json.loads(done.stdout)
    assert (body["band"], body["days_free"], body["hours_since_last_opioid"]) == ("not_ready", 6, 156)
    assert body["min_opioid_free_met_at"] == "2025-05-08T22:00:00Z"
    assert any("negative urine does not exclude" in r for r in body["reasons"])


def test_naltrexone_readiness_from_json_input_gives_the_methadone_example():
    raw = {
        "assessed_at": "2025-05-13T09:00:00Z",
        "last_opioid_at": "2025-05-01T09:00:00Z",
        "last_agonist_moud_at": "2025-05-01T09:00:00Z",
        "withdrawal_signs": False,
        "urine_opioid_positive": False,
    }
    done = onward("rule", "naltrexone-readiness", "--input", "-", "--json", stdin=json.dumps(raw))
    body = json.loads(done.stdout)
    assert (body["band"], body["earliest_ready_at"]) == ("review", "2025-05-15T09:00:00Z")


def test_naltrexone_readiness_bad_input_exits_two_and_names_the_fields():
    done = onward("rule", "naltrexone-readiness", *NTX[:-1], "urine_opioid_positive=unknown", "--json")
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {"urine_opioid_positive"}
    assert "Traceback" not in done.stderr


def test_methadone_first_dose_reads_a_comma_separated_list():
    done = onward("rule", "methadone-first-dose", "doses_mg=30,10,15", "--json")
    assert done.returncode == 0
    body = json.loads(done.stdout)
    assert (body["band"], body["total_mg"], body["limits_exceeded"]) == (
        "above_limit_needs_documentation",
        "55.00",
        ["day_total"],
    )


def test_methadone_first_dose_reads_a_json_list_with_the_legacy_profile():
    raw = {"doses_mg": [30, 10], "profile": "legacy_2001"}
    done = onward("rule", "methadone-first-dose", "--input", "-", "--json", stdin=json.dumps(raw))
    body = json.loads(done.stdout)
    assert (body["band"], body["total"], body["day_total_limit_mg"]) == ("within_limit", "40.00", 40)


def test_methadone_first_dose_bad_doses_exit_two_and_name_each_one():
    done = onward("rule", "methadone-first-dose", "doses_mg=30,0,ten", "--json")
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {"doses_mg[1]", "doses_mg[2]"}
    assert "Traceback" not in done.stderr


def test_bup_dose_notices_from_key_value_text():
    done = onward("rule", "bup-dose-notices", "day1_mg=4,4,4", "day2_mg=16", "--json")
    assert done.returncode == 0
    body = json.loads(done.stdout)
    assert (body["band"], body["day1_total_mg"], body["notices"]) == ("notice", "12.00", ["day1_above_8mg_label"])


def test_bup_dose_notices_bad_doses_exit_two_and_name_each_one():
    done = onward("rule", "bup-dose-notices", "day1_mg=4,0", "--json")
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {"day1_mg[1]"}
