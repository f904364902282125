"""Type codes per fellowship and the shared search facets (formats.md §1.6, §2.4, §3.4)."""

import json
from functools import cache
from importlib.resources import files
from typing import Any

from onward.meetings.feeds.record import Flags

LEGACY_ONLINE = "ONL"
OPEN, CLOSED, TEMPORARILY_CLOSED = "O", "C", "TC"

# TSML's NA list (program `na`), code → English name; Heroin Anonymous uses it without SPAD (§1.6).
NA_TYPES = {
    "CPT": "12 Concepts",
    "BT": "Basic Text",
    "BEG": "Beginner/Newcomer",
    "CAN": "Candlelight",
    "CW": "Children Welcome",
    "C": "Closed",
    "DISC": "Discussion/Participation",
    "GL": "Gay/Lesbian",
    "IP": "IP Study",
    "IW": "It Works Study",
    "JFT": "Just For Today Study",
    "LIT": "Literature Study",
    "LC": "Living Clean",
    "M": "Men",
    "MED": "Meditation",
    "NS": "Non-Smoking",
    "O": "Open",
    "QA": "Questions & Answers",
    "RA": "Restricted Access",
    "SMOK": "Smoking",
    "SPAD": "Spiritual Principle a Day",
    "SPK": "Speaker",
    "STEP": "Step",
    "SWG": "Step Working Guide Study",
    "TOP": "Topic",
    "TRAD": "Tradition",
    "VAR": "Format Varies",
    "X": "Wheelchair Accessible",
    "W": "Women",
    "Y": "Young People",
}
HA_TYPES = {code: name for code, name in NA_TYPES.items() if code != "SPAD"}

# NAWS world id → NA code, as BMLT converts (`../formats/bmlt/worldid-to-tsml-type.csv` without VM → ONL).
WORLD_ID_TO_NA = {
    "CPT": "CPT", "BT": "BT", "BEG": "BEG", "CAN": "CAN", "CW": "CW", "CLOSED": "C", "DISC": "DISC",
    "GL": "GL", "IP": "IP", "IW": "IW", "JFT": "JFT", "LIT": "LIT", "LC": "LC", "TC": "TC", "M": "M",
    "MED": "MED", "NS": "NS", "OPEN": "O", "QA": "QA", "RA": "RA", "SMOK": "SMOK", "SPAD": "SPAD",
    "SPK": "SPK", "STEP": "STEP", "SWG": "SWG", "TOP": "TOP", "TRAD": "TRAD", "VAR": "VAR", "WCHR": "X",
    "W": "W", "Y": "Y",
}  # fmt: skip

FACETS: dict[str, dict[str, frozenset[str]]] = {
    "open": {"aa": frozenset({"O"}), "na": frozenset({"O"})},
    "closed": {"aa": frozenset({"C"}), "na": frozenset({"C"})},
    "women": {"aa": frozenset({"W"}), "na": frozenset({"W"})},
    "men": {"aa": frozenset({"M"}), "na": frozenset({"M"})},
    "newcomer": {"aa": frozenset({"BE"}), "na": frozenset({"BEG"})},
    "young_people": {"aa": frozenset({"Y"}), "na": frozenset({"Y"})},
    "wheelchair": {"aa": frozenset({"X"}), "na": frozenset({"X"})},
    "speaker": {"aa": frozenset({"SP"}), "na": frozenset({"SPK"})},
    "discussion": {"aa": frozenset({"D"}), "na": frozenset({"DISC"})},
    "meditation": {"aa": frozenset({"MED", "11"}), "na": frozenset({"MED"})},
    "step_study": {"aa": frozenset({"ST"}), "na": frozenset({"STEP"})},
    "literature": {"aa": frozenset({"LIT"}), "na": frozenset({"LIT"})},
    "candlelight": {"aa": frozenset({"CAN"}), "na": frozenset({"CAN"})},
    "lgbtq": {"aa": frozenset({"LGBTQ", "G", "L", "BI", "T"}), "na": frozenset({"GL"})},
}
_FACET_LIST = {"aa": "aa", "na": "na", "ha": "na"}  # HA shares NA's codes for every facet


def facet_codes(facet: str, fellowship: str) -> frozenset[str]:
    """The codes that stand for `facet` in `fellowship`; empty for a fellowship without a code list (§3.4)."""
    code_list = _FACET_LIST.get(fellowship)
    return FACETS[facet].get(code_list, frozenset()) if code_list else frozenset()


def facets_of(fellowship: str, types: list[str]) -> list[str]:
    """The facets a meeting's stored codes give it, sorted."""
    return sorted(facet for facet in FACETS if facet_codes(facet, fellowship) & set(types))


def facet_text(fellowship: str, types: list[str]) -> str:
    """The facets as one searchable text, `|open|speaker|` ("" for none), stored on each meeting."""
    found = facets_of(fellowship, types)
    return f"|{'|'.join(found)}|" if found else ""


def _load(name: str) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(files("onward.meetings.feeds").joinpath("data", name).read_text())
    return data


@cache
def code_list(fellowship: str) -> dict[str, list[str]] | None:
    """code → its names (every language for `aa`), or None for a fellowship without a list."""
    if fellowship == "aa":
        known = _load("types.json") | _load("proposed-new.json")
        return {code: list(names.values()) for code, names in known.items()}
    if fellowship in {"na", "ha"}:
        table = NA_TYPES if fellowship == "na" else HA_TYPES
        return {code: [name] for code, name in table.items()}
    return None


@cache
def _lookups(fellowship: str) -> tuple[dict[str, str], dict[str, str]]:
    codes = code_list(fellowship) or {}
    by_folded_code = {code.casefold(): code for code in sorted(codes)}
    by_name: dict[str, str] = {}
    for code in sorted(codes):
        for name in codes[code]:
            by_name.setdefault(name.casefold(), code)
    return by_folded_code, by_name


def _as_values(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list):
        return []
    values = []
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            continue
        text = str(item).strip()
        if text:
            values.append(text)
    return values


def normalise_types(raw: Any, fellowship: str, flags: Flags) -> tuple[list[str], list[str]]:
    """§1.6: codes (exact, then any case, then by name) sorted and unique; the rest as unknown values."""
    codes = code_list(fellowship)
    found: set[str] = set()
    unknown: set[str] = set()
    for value in _as_values(raw):
        if value.upper() == LEGACY_ONLINE:
            continue
        if codes is None or value in codes:
            found.add(value)
            continue
        by_folded_code, by_name = _lookups(fellowship)
        code = by_folded_code.get(value.casefold()) or by_name.get(value.casefold())
        if code:
            found.add(code)
        else:
            unknown.add(value)
    if unknown:
        flags.add("unknown_type", ", ".join(sorted(unknown)))
    if OPEN in found and CLOSED in found:
        found.discard(OPEN)
        flags.add("open_and_closed")
    return sorted(found), sorted(unknown)
