"""What a nurse reads beside each COWS item and each SOWS rating: a plain label and, for the COWS, each
allowed score with its anchor, in Onward's own words (paraphrasing the anchors of clinical-reference §1;
the scores themselves come from `clinical.instruments.cows.ALLOWED`, never from here)."""

from onward.clinical.instruments import cows, sows

# key: (label, what to rate, {score: anchor}). clinical-reference §1 (Wesson & Ling 2003), paraphrased.
COWS_WORDS: dict[str, tuple[str, str, dict[int, str]]] = {
    "resting_pulse": (
        "Resting pulse",
        "after the person has sat or lain down for a minute",
        {0: "80 beats a minute or slower", 1: "81 to 100", 2: "101 to 120", 4: "faster than 120"},
    ),
    "sweating": (
        "Sweating",
        "in the last half hour, not from a warm room or activity",
        {
            0: "no chills or flushing reported",
            1: "reports chills or flushing",
            2: "face flushed or damp to look at",
            3: "beads of sweat on the brow or face",
            4: "sweat running off the face",
        },
    ),
    "restlessness": (
        "Restlessness",
        "watched during the assessment",
        {
            0: "can sit still",
            1: "finds it hard to sit still but manages",
            3: "shifts often, or moves arms and legs without purpose",
            5: "cannot sit still for more than a few seconds",
        },
    ),
    "pupil_size": (
        "Pupil size",
        "compared with the room's light",
        {
            0: "pinpoint, or normal for the light",
            1: "possibly larger than normal for the light",
            2: "moderately dilated",
            5: "so dilated that only the rim of the iris shows",
        },
    ),
    "bone_joint_aches": (
        "Bone or joint aches",
        "only the part that comes from withdrawal, not earlier pain",
        {
            0: "none",
            1: "mild, all over",
            2: "reports severe aching all over",
            4: "rubbing joints or muscles and cannot sit still for the discomfort",
        },
    ),
    "runny_nose_tearing": (
        "Runny nose or watery eyes",
        "not from a cold or allergies",
        {
            0: "none",
            1: "nose stuffy or eyes unusually moist",
            2: "nose running or eyes tearing",
            4: "nose running all the time, or tears streaming",
        },
    ),
    "gi_upset": (
        "Stomach upset (GI)",
        "in the last half hour",
        {
            0: "none",
            1: "stomach cramps",
            2: "nausea or loose stools",
            3: "vomiting or diarrhea",
            5: "vomiting or diarrhea several times",
        },
    ),
    "tremor": (
        "Tremor",
        "with the hands held out",
        {0: "none", 1: "can be felt but not seen", 2: "slight tremor that can be seen", 4: "large tremor or twitching"},
    ),
    "yawning": (
        "Yawning",
        "during the assessment",
        {0: "none", 1: "once or twice", 2: "three times or more", 4: "several times a minute"},
    ),
    "anxiety_irritability": (
        "Anxiety or irritability",
        "reported or seen",
        {
            0: "none",
            1: "reports feeling more irritable or anxious",
            2: "clearly irritable or anxious",
            4: "so irritable or anxious that the assessment is hard to do",
        },
    ),
    "gooseflesh": (
        "Gooseflesh",
        "on the skin",
        {
            0: "skin smooth",
            3: "gooseflesh can be felt, or hairs standing up on the arms",
            5: "gooseflesh clearly visible",
        },
    ),
}

# SOWS: the person's own ratings, each 0 (not at all) to 4 (extremely), clinical-reference §2.
SOWS_LABELS: dict[str, str] = {
    "anxious": "I feel anxious",
    "yawning": "I feel like yawning",
    "perspiring": "I am sweating",
    "tearing_eyes": "My eyes are tearing",
    "runny_nose": "My nose is running",
    "gooseflesh": "I have goosebumps",
    "shaking": "I am shaking",
    "hot_flashes": "I have hot flushes",
    "cold_flashes": "I have cold flushes",
    "bone_muscle_aches": "My bones and muscles ache",
    "restless": "I feel restless",
    "nauseous": "I feel sick to my stomach",
    "feel_like_vomiting": "I feel like vomiting",
    "muscle_twitching": "My muscles twitch",
    "stomach_cramps": "I have stomach cramps",
    "urge_to_use": "I feel like using now",
}
SOWS_CHOICES: dict[int, str] = {0: "not at all", 1: "a little", 2: "moderately", 3: "quite a bit", 4: "extremely"}


def cows_items() -> list[tuple[str, str, str, list[tuple[int, str]]]]:
    """Each COWS item in the instrument's order: key, label, what to rate, and (score, anchor) pairs."""
    rows = []
    for key, allowed in cows.ALLOWED.items():
        label, rated, anchors = COWS_WORDS[key]
        rows.append((key, label, rated, [(score, anchors[score]) for score in sorted(allowed)]))
    return rows


def sows_items() -> list[tuple[str, str, list[tuple[int, str]]]]:
    """Each SOWS item: key, the person's statement, and (rating, words) pairs."""
    return [(key, SOWS_LABELS[key], [(v, SOWS_CHOICES[v]) for v in sorted(sows.ALLOWED)]) for key in sows.ITEMS]
