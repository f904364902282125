"""Records for the withdrawal tests, made through the services."""

from datetime import UTC, datetime

from onward.people.access import access_person
from onward.withdrawal import detox

NOW = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)  # 10:00 in Chicago
LAST_USE = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
MILD = {  # clinical-reference §1 example: total 12, mild
    "resting_pulse": 2,
    "sweating": 1,
    "restlessness": 1,
    "pupil_size": 1,
    "bone_joint_aches": 1,
    "runny_nose_tearing": 2,
    "gi_upset": 1,
    "tremor": 1,
    "yawning": 1,
    "anxiety_irritability": 1,
    "gooseflesh": 0,
}


def writer(personas, who="nurse", kind="assessments", action="write", person=None):
    person = person or personas.person
    return access_person(personas.users[who], person.public_id, kind=kind, action=action)


def start(personas, *, started_at=datetime(2026, 3, 3, 14, 0, tzinfo=UTC), **options):
    return detox.start_detox(
        access=writer(personas), started_at=started_at, last_use_at=LAST_USE, opioid="heroin", **options
    )


def items_totalling(total: int) -> dict[str, int]:
    """COWS items for the totals either side of the alert bands (24, 25, 36, 37; clinical-reference §1)."""
    base = {
        "resting_pulse": 4,
        "sweating": 2,
        "restlessness": 0,
        "pupil_size": 5,
        "bone_joint_aches": 4,
        "runny_nose_tearing": 4,
        "gi_upset": 5,
        "tremor": 4,
        "yawning": 4,
        "anxiety_irritability": 4,
        "gooseflesh": 0,
    }  # 36
    changes = {
        37: {"sweating": 3},
        36: {},
        25: {"pupil_size": 0, "gi_upset": 0, "sweating": 1},
        24: {"pupil_size": 0, "gi_upset": 0, "sweating": 0},
    }
    return base | changes[total]
