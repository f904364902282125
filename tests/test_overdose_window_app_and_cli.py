"""`onward rule overdose-risk-window` and the app give the same answer for a person's recorded events."""

import json
import subprocess
import sys
from datetime import date

import pytest

from onward.people.access import access_person
from onward.withdrawal import risk
from onward.withdrawal.selectors import get_risk_summary
from onward.withdrawal.tests.helpers import NOW

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("on", "band"), [(date(2026, 2, 12), "elevated"), (date(2026, 2, 25), "high")])
def test_the_app_and_the_command_line_agree(personas, time_machine, on, band):
    time_machine.move_to(NOW, tick=False)  # 4 March 2026
    access = access_person(personas.counselor, personas.person.public_id, kind="overdose", action="write")
    risk.record_risk_event(access=access, trigger="hospital_discharge", on=on, reason="discharged from hospital")
    summary = get_risk_summary(access)
    words = summary.cli_command.split()
    assert words[:3] == ["onward", "rule", "overdose-risk-window"]
    done = subprocess.run(
        [sys.executable, "-m", "onward.cli", *words[1:], "--json"], capture_output=True, text=True, check=True
    )
    printed = json.loads(done.stdout)
    assert printed["band"] == summary.window.band == band
    assert printed["high_until"] == summary.window.details["high_until"].isoformat()
    assert printed["reasons"] == list(summary.window.reasons)
