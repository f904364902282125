"""The person's own record (`/people/<id>/record/`): a contents page, each section a page at a time (a
year of check-ins and of who looked runs to hundreds of rows: as one page it was 224,000 px on a phone),
the whole record on one page for printing, all with times in the person's time zone, or the same record
as a JSON download with ?format=json."""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import quote
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import dateformat

from onward.core.words import CODE, code_words
from onward.people.access import Access, access_person
from onward.web.export import assemble_record, assemble_section, plain, section_keys
from onward.web.paging import pager, requested_page

# A section of at most this many columns reads as a table; a wider one as one card per item.
TABLE_COLUMNS = 6
# A section's page holds this many items: the longest sections (check-ins, who looked) run to hundreds,
# and ten check-ins already fill about five phone screens.
SECTION_PAGE = 10
# A cell holding more labelled values than this, in nested lists, opens on a tap.
FOLD_AFTER = 4
LABELS = {"id": "ID", "dose_mg": "Dose (mg)", "egfr": "eGFR", "ems_called": "EMS called"}


@dataclass(frozen=True, slots=True)
class Cell:
    label: str
    text: str
    lines: tuple[tuple[tuple[str, str], ...], ...] = ()  # a list of things, each its labelled values

    @property
    def folded(self) -> bool:
        """A nested list longer than a few values is folded on a section's page (a take-home's rule
        result or a detox episode's scores filled a phone's screen several times over per item)."""
        return sum(len(line) for line in self.lines) > FOLD_AFTER


@dataclass(frozen=True, slots=True)
class ShownSection:
    key: str
    title: str
    count: int
    table: bool
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@login_required
def own_record(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's whole record: a contents page (each part's sections with how many items each holds),
    one section a page at a time (?section=KEY&page=N), everything on one page for printing (?all=1), or
    the whole record as JSON (?format=json)."""
    access = access_person(request.user, person_id, kind="export", action="read")
    if "section" in request.GET:
        response = _section_page(request, access, request.GET["section"])
        response["Cache-Control"] = "private, no-store"
        return response
    record = assemble_record(access)
    if request.GET.get("format") == "json":
        response = HttpResponse(json.dumps(plain(record), indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="my-onward-record.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    zone = ZoneInfo(record["time_zone"])
    whole = request.GET.get("all") == "1"
    parts = [
        {
            "title": part["title"],
            "sections": [_shown(s, zone) if whole else _listed(s) for s in part["sections"]],
        }
        for part in record["parts"]
    ]
    context = {
        "exported_at": _text(record["exported_at"], zone),
        "parts": parts,
        "not_exported": [{"what": _field_words(x["what"]), "why": x["why"]} for x in record["not_exported"]],
        "person_id": person_id,
    }
    response = render(request, "web/record_all.html" if whole else "web/record.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@dataclass(frozen=True, slots=True)
class ListedSection:
    key: str
    title: str
    count: int


def _listed(section: dict[str, Any]) -> ListedSection:
    return ListedSection(section["key"], section["title"], len(section["items"]))


def _section_page(request: HttpRequest, access: Access, key: str) -> HttpResponse:
    """One section of the record, `SECTION_PAGE` items a page, with the sections before and after it."""
    number = requested_page(request)
    found = assemble_section(access, key)
    if found is None:
        raise Http404("no such section")
    zone = ZoneInfo(access.person.time_zone)
    items = found["items"]
    start = (number - 1) * SECTION_PAGE
    shown = items[start : start + SECTION_PAGE]
    page = pager(number, len(items), len(shown), SECTION_PAGE)
    keys = section_keys()
    at = next(i for i, (k, _title, _part) in enumerate(keys) if k == key)
    context = {
        "part_title": found["part"],
        "section": _shown({"key": key, "title": found["title"], "items": shown}, zone),
        "total": len(items),
        "pager": page,
        "page_query": f"section={quote(key)}",
        "previous": keys[at - 1] if at > 0 else None,
        "next": keys[at + 1] if at + 1 < len(keys) else None,
        "person_id": access.person.public_id,
    }
    return render(request, "web/record_section.html", context)


def _shown(section: dict[str, Any], zone: ZoneInfo) -> ShownSection:
    items: list[dict[str, Any]] = section["items"]
    columns = list(dict.fromkeys(k for item in items for k in item))
    table = len(columns) <= TABLE_COLUMNS
    rows = []
    for item in items:
        cells = [_cell(key, item.get(key), zone) for key in columns]
        # A card leaves out what is empty; a table keeps every column in place.
        rows.append(tuple(c for c in cells if table or c.text or c.lines))
    return ShownSection(
        section["key"], section["title"], len(items), table, tuple(_label(c) for c in columns), tuple(rows)
    )


def _label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _cell(key: str, value: Any, zone: ZoneInfo) -> Cell:
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return Cell(_label(key), "", tuple(_pairs(v, zone) for v in value))
    if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
        return Cell(_label(key), "", (_pairs(value, zone),))
    return Cell(_label(key), _coded(key, _text(value, zone)))


def _pairs(value: dict[str, Any], zone: ZoneInfo) -> tuple[tuple[str, str], ...]:
    shown = ((_label(k), _coded(k, _text(v, zone))) for k, v in value.items())
    return tuple((k, text) for k, text in shown if text)


def _inline(value: dict[str, Any], zone: ZoneInfo) -> str:
    shown = ((k, _coded(k, _text(v, zone))) for k, v in value.items())
    return "; ".join(f"{_label(k)}: {text}" for k, text in shown if text)


# Values Onward writes itself (keys of actions, rules, kinds, objects, and the reasons its rules give):
# each code in them reads as words. Text a person or a clinician wrote is never rewritten.
CODED = frozenset(
    {"id", "action", "kind", "object", "rule", "source", "reasons", "reason_codes", "purpose", "scope", "scopes"}
    | {"status", "band", "outcome", "event", "trigger", "alert", "type", "rules", "source_rule", "signal"}
)


def _coded(key: str, text: str) -> str:
    return CODE.sub(lambda m: code_words(m.group()), text) if key in CODED else text


def _field_words(path: str) -> str:
    """A model field named in the list of what is not exported, as words: "accounts.SecondFactor.last_step"
    -> "Second factor: last step"."""
    parts = path.split(".")
    if len(parts) < 2:
        return path
    model = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", parts[1]).capitalize()
    return f"{model}: {' '.join(parts[2:]).replace('_', ' ')}" if len(parts) > 2 else model


def _text(value: Any, zone: ZoneInfo) -> str:
    """A value as the rest of the site shows it: times in the person's zone, dates written out."""
    if value is None or value in ("", []):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_text(v, zone) for v in value)
    if isinstance(value, dict):
        return _inline(value, zone)
    return _moment(value, zone)


def _moment(value: Any, zone: ZoneInfo) -> str:
    if isinstance(value, datetime):
        return dateformat.format(value.astimezone(zone), "D j M Y, H:i T")
    if isinstance(value, date):
        return dateformat.format(value, "D j M Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return _words(str(value), zone)


SNAKE_KEY = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
AREAS = "|".join(
    (
        *("accounts", "alerts", "assessments", "audit", "care", "checkins", "consent", "cows", "detox"),
        *("medication", "meetings", "notifications", "people", "plans", "recovery", "reminders", "withdrawal"),
    )
)
DOTTED_KEY = re.compile(rf"(?:{AREAS})(?:\.[a-z_]+)+")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})")


def _words(text: str, zone: ZoneInfo) -> str:
    """A stored value in human words: a snake_case key ("moderately_severe") with spaces, an action key
    ("recovery.help_requested") as "recovery: help requested", an ISO moment on the person's clock."""
    if SNAKE_KEY.fullmatch(text):
        return text.replace("_", " ")
    if DOTTED_KEY.fullmatch(text):
        area, action = text.split(".", 1)
        return f"{area}: {action.replace('.', ' ').replace('_', ' ')}"
    if ISO_MOMENT.fullmatch(text):
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return dateformat.format(moment.astimezone(zone), "D j M Y, H:i T")
    return text
