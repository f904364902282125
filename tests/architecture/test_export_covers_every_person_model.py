"""The person's export is their whole record: every model with a foreign key to a person is in a
registered part or excluded with a reason, every row of a person is in their export, and the export
reads each part in a fixed number of queries however much the person has."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from onward.core.permissions import Relationship
from onward.people.access import Access
from onward.people.models import Person
from onward.reminders.models import SentReminder
from onward.synth.generate import synthesize
from onward.web.export import EXCLUDED, REGISTRY, build_parts, build_record, plain
from onward.withdrawal.models import DetoxEpisode

# The ids that rows without a public id carry in the export (each part's `id_note` says the same).
STABLE_IDS = {
    "people.ProfileRevision": lambda r: f"v{r.version}",
    "checkins.CheckInRevision": lambda r: f"{r.checkin.public_id}/v{r.version}",
    "checkins.RaisedSignal": lambda r: f"{r.kind}/{r.key}/{r.severity}",
    "reminders.ReminderSettings": lambda r: "reminder-settings",
    "reminders.SentReminder": lambda r: str(r.notification_id),
    "audit.AuditEvent": lambda r: r.seq,
}
# The most queries one export's parts may take (the sum of the reads each part declares in its
# module), for a person with one row or thousands. 42: the requests for help read whom each was sent to
# and who said they were on it (two queries, issue 15 item 7); 43: the account's invitations to sign in
# (issue 17 item 2); 46: the request for treatment that led to an admission, with its contact attempts
# and steps (three queries, issue 17 item 4); 51: the evaluation area's part reads evaluations with
# their versions (two), screenings, requests to answer one, and item-9 flags with their safety checks
# (issue 17 item 5); 56: the care team, the placements, and the admissions with their restrictions and
# OTP items done (five queries, issue 17 items 1 and 6).
MOST_QUERIES = 56
# Without a detox episode, its COWS, SOWS, observations and symptom doses are not read (no rows to
# prefetch for): four queries fewer.
DETOX_PREFETCHES = 4


def person_models() -> dict[str, str]:
    """Every installed model with a direct foreign key (or one-to-one) to people.Person: label -> field."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is Person:
                found[model._meta.label] = field.name
    return found


def covered() -> frozenset[str]:
    return frozenset(label for part in REGISTRY for label in part.covers)


def test_every_model_with_a_key_to_a_person_is_exported_or_excluded_with_a_reason():
    missing = sorted(label for label in person_models() if label not in covered() and not EXCLUDED.get(label))
    assert missing == [], f"add these to a part (onward/<area>/export_part.py) or to EXCLUDED with a reason: {missing}"


def test_every_model_a_part_names_exists_and_the_exclusions_give_reasons():
    labels = {m._meta.label for m in apps.get_models()}
    assert sorted(covered() - labels) == []
    assert all(reason.strip() for reason in EXCLUDED.values())
    assert "people.Person" in covered()


class _Sink:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def clinic(db: None) -> list[Person]:
    synthesize(people=40, seed=7, days=365, anchor=date(2026, 3, 1), stream=_Sink())
    person = Person.objects.order_by("pk").first()
    assert person is not None
    # The synthetic clinic sends no reminders: one sent, so that the part's rows are checked too.
    SentReminder.objects.create(
        person=person,
        kind="checkin",
        due_at=datetime(2026, 2, 28, 19, tzinfo=UTC),
        sent_at=datetime(2026, 2, 28, 19, tzinfo=UTC),
        notification_id="7f1b3c7e-1d1a-4b8e-9a51-2c7d9e0f4a10",
    )
    return list(Person.objects.select_related("account").order_by("pk"))


def _access(person: Person) -> Access:
    return Access(person.account, person, Relationship.SELF)  # type: ignore[arg-type]


def _ids(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        if "id" in value:
            yield value["id"]
        for v in value.values():
            yield from _ids(v)
    elif isinstance(value, list):
        for v in value:
            yield from _ids(v)


def _expected_id(label: str, row: Any) -> Any:
    return STABLE_IDS[label](row) if label in STABLE_IDS else str(row.public_id)


def test_every_row_of_each_person_is_in_their_export(clinic):
    """Every person of a 40-person year-long synthetic clinic: each of their rows of every covered
    model is in their export, under the part that covers it (a part that forgets rows fails)."""
    where = {label: part.area for part in REGISTRY for label in part.covers}
    seen_rows = dict.fromkeys(person_models(), 0)
    for person in clinic:
        parts = build_parts(_access(person))
        by_area = {p.area: set(_ids(plain([s.items for s in p.sections]))) for p in parts}
        for label, field in person_models().items():
            if label in EXCLUDED:
                continue
            model = apps.get_model(label)
            related = ["checkin"] if label == "checkins.CheckInRevision" else []
            rows = model.objects.filter(**{field: person}).select_related(*related)
            expected = {_expected_id(label, row) for row in rows}
            seen_rows[label] += len(expected)
            assert label in where, f"{label}: no registered part covers it"
            assert expected <= by_area[where[label]], f"{label} rows of {person.public_id} not in the export"
    record = build_record(_access(clinic[0]))  # the person themselves, and what is left out
    profile = next(s for p in record["parts"] for s in p["sections"] if s["key"] == "profile")
    assert profile["items"][0]["id"] == str(clinic[0].public_id)
    assert {x["what"] for x in record["not_exported"]} >= {"accounts.User.password", "meetings.CalendarToken.digest"}
    # The check has teeth only where the clinic has rows: it must have some of every model.
    assert [label for label, count in seen_rows.items() if count == 0 and label not in EXCLUDED] == []


def _queries(person: Person) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_parts(_access(person))
    return len(captured)


def test_the_export_reads_in_a_fixed_number_of_queries_whatever_the_person_has(clinic):
    """No part reads per item: people with a handful of rows and people with thousands take the same
    number of queries, the declared reads (fewer only by the prefetches of what they have none of)."""
    counts = {person.pk: _queries(person) for person in clinic}
    linked = [(apps.get_model(label), field) for label, field in person_models().items()]
    rows = {p.pk: sum(model.objects.filter(**{field: p}).count() for model, field in linked) for p in clinic}
    detox = {p.pk for p in clinic if DetoxEpisode.objects.filter(person=p).exists()}
    # Django skips a prefetch whose parents are empty, so a person without appointments, notifications or
    # a detox episode takes fewer; nobody takes more, however many rows they have.
    assert max(counts[pk] for pk in detox) == MOST_QUERIES
    assert max(counts[pk] for pk in counts if pk not in detox) <= MOST_QUERIES - DETOX_PREFETCHES
    assert all(counts[pk] <= MOST_QUERIES for pk in counts)
    fewest, most = min(rows.values()), max(rows.values())
    assert (fewest, most > 20 * fewest) == (fewest, True), "the clinic must hold people with few and many rows"
