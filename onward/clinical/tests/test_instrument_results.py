"""Every instrument's result names the instrument, its maximum and its source (issue 3's JSON contract)."""

import pytest

from onward.clinical.instruments import cows, dsm5_oud, gad7, phq9, sows

EXAMPLES = [
    (cows, dict.fromkeys(cows.ALLOWED, 0), {}, "cows", 48),
    (sows, dict.fromkeys(sows.ITEMS, 0), {}, "sows", 64),
    (phq9, dict.fromkeys(phq9.ITEMS, 0), {}, "phq9", 27),
    (gad7, dict.fromkeys(gad7.ITEMS, 0), {}, "gad7", 21),
    (dsm5_oud, dict.fromkeys(dsm5_oud.CRITERIA, False), {"solely_under_medical_supervision": False}, "dsm5-oud", 11),
]


@pytest.mark.parametrize(("module", "answers", "kwargs", "name", "maximum"), EXAMPLES)
def test_the_result_names_the_instrument_its_maximum_and_its_source(module, answers, kwargs, name, maximum):
    body = module.score(answers, **kwargs).to_json()
    assert (body["instrument"], body["max"], body["source"]) == (name, maximum, module.SOURCE)
    assert body["source"].startswith("clinical-reference §")
    assert module.COMMAND.name == name
