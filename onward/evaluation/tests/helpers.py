"""Answers for the evaluation tests."""

from onward.clinical.instruments import dsm5_oud, gad7, phq9
from onward.evaluation import answers as spec
from onward.people.access import access_person


def writer(personas, who="counselor", kind="assessments", action="write", person=None):
    person = person or personas.person
    return access_person(personas.users[who], person.public_id, kind=kind, action=action)


def phq9_answers(*values: int) -> dict[str, int]:
    return dict(zip(phq9.ITEMS, values, strict=True))


def complete(**changes):
    """A complete evaluation as the page posts it: PHQ-9 2,2,2,1,1,1,0,0,0 (9, mild; §3 example), GAD-7 all
    2 (14, moderate; §4 example), DSM-5-TR craving, tolerance and withdrawal (3, mild, F11.10; §5 example)."""
    values = {
        "substance_1_kind": "fentanyl",
        "substance_1_route": "smoking",
        "substance_1_frequency": "daily",
        "substance_1_amount": "about a gram",
        "substance_1_age_first": "19",
        "substance_1_last_use": "2026-03-03T22:00",
        "naloxone_at_hand": "yes",
        "psychiatric_problem": "no",
        "housing": "dependent",
        "veteran": "no",
        **{spec.PHQ9_PREFIX + k: str(v) for k, v in phq9_answers(2, 2, 2, 1, 1, 1, 0, 0, 0).items()},
        **{spec.GAD7_PREFIX + k: "2" for k in gad7.ITEMS},
        **{spec.DSM5_PREFIX + k: "on" for k in ("craving", "tolerance", "withdrawal")},
    }
    assert set(dsm5_oud.CRITERIA) >= {"craving", "tolerance", "withdrawal"}
    return values | changes
