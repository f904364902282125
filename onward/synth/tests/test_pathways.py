"""Every figure the synthetic population follows names its source, and the Synthea ones match the file."""

import json

from onward.synth import pathways
from tests.shared import SHARED, require_shared

# Synthea's module is Apache-2.0 and stays in the shared reference folder (tests/fixtures/README.md)
SYNTHEA = SHARED / "reference-data" / "synthea" / "opioid_addiction.json"


def test_every_parameter_names_its_source_and_illustrative_ones_say_so():
    params = pathways.all_params()
    assert len(params) > 20
    for name, param in params.items():
        assert param.source.strip(), name
        sourced = param.source.startswith((pathways.REFERENCE, pathways.SYNTHEA))
        assert sourced != param.illustrative, f"{name}: either a source or marked illustrative, not both or neither"
        if param.illustrative:
            assert "(" in param.source, f"{name}: say why the figure is illustrative"


def test_reference_ranges_are_the_reference_figures():
    assert pathways.RESIDENTIAL_DAYS.value == (30, 90)
    assert pathways.DETOX_DAYS.value == (5, 7)
    assert pathways.OUTPATIENT_SESSIONS_PER_WEEK.value == (1, 2)
    assert "§14" in pathways.RESIDENTIAL_DAYS.source
    assert "§11" in pathways.DETOX_DAYS.source


def _transitions(states, state):
    return {t["transition"]: t["distribution"] for t in states[state]["distributed_transition"]}


def test_synthea_rates_are_the_ones_in_the_module():
    states = json.loads(require_shared(SYNTHEA).read_text())["states"]
    detox = _transitions(states, "Detoxification")
    assert pathways.DETOX_EXIT_WEIGHTS.value == {
        "return_to_use": detox["Active_Addiction"],
        "treatment": detox["Drug Addiction"],
        "recovery_management": detox["Drug_Addiction"],
    }
    treatment = _transitions(states, "Addiction_Treatment")
    assert pathways.TREATMENT_WEEKLY_RETURN_TO_USE.value == treatment["Active_Addiction"]
    assert pathways.TREATMENT_WEEKLY_COMPLETION.value == treatment["Recovery_Management"]
    assert (
        pathways.RECOVERY_MONTHLY_RETURN_TO_USE.value
        == _transitions(states, "Recovery_Management_Delay")["Active_Addiction"]
    )
    assert pathways.ACTIVE_WEEKLY_TO_DETOX.value == _transitions(states, "Active_Addiction")["Detoxification"]
    for param in (pathways.DETOX_EXIT_WEIGHTS, pathways.TREATMENT_WEEKLY_COMPLETION):
        assert param.source.startswith(pathways.SYNTHEA)
