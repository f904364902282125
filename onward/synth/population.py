"""The state every generator shares: the seeded random source, the anchor, the rows to write, the
audit events to chain, and the counts printed at the end.

Determinism: one `random.Random(seed)`; every UUID and every time comes from it or from the anchor
(no clock, no `uuid4`); rows carry explicit primary keys, so the same seed into an empty database
gives the same rows.
"""

import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import connection, models

BATCH = 2000


@dataclass
class PendingEvent:
    """An audit event to chain once every generator has run (the audit generator hashes them)."""

    person_key: tuple[int, str]  # (person pk, public id): the chain is per person
    at: datetime
    actor: Any  # accounts.User
    action: str
    object_type: str
    object_id: str
    purpose: str = "treatment"
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Population:
    rng: random.Random
    anchor: date
    days: int
    people: int
    rows: dict[type[models.Model], list[models.Model]] = field(default_factory=lambda: defaultdict(list))
    written: Counter[str] = field(default_factory=Counter)
    next_pk: Counter[type[models.Model]] = field(default_factory=Counter)
    events: list[PendingEvent] = field(default_factory=list)
    stats: dict[str, Counter[Any]] = field(default_factory=lambda: defaultdict(Counter))
    shared: dict[str, Any] = field(default_factory=dict)  # what one generator hands the next

    @property
    def start(self) -> date:
        return self.anchor - timedelta(days=self.days)

    @property
    def anchor_at(self) -> datetime:
        return datetime.combine(self.anchor, time(0), tzinfo=UTC)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=UTC)

    def pick(self, weights: dict[str, float]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def between(self, bounds: Sequence[int]) -> int:
        low, high = bounds
        return self.rng.randint(low, high)

    def add(self, obj: models.Model) -> models.Model:
        """Give `obj` the next primary key of its table and queue it; written in batches."""
        model = type(obj)
        self.next_pk[model] += 1
        obj.pk = self.next_pk[model]
        bucket = self.rows[model]
        bucket.append(obj)
        if len(bucket) >= BATCH:
            self.flush(model)
        return obj

    def flush(self, model: type[models.Model] | None = None) -> None:
        for each in [model] if model else list(self.rows):
            bucket = self.rows[each]
            if bucket:
                each._default_manager.bulk_create(bucket, batch_size=BATCH)  # noqa: SLF001
                self.written[each._meta.db_table] += len(bucket)
                bucket.clear()

    def event(self, event: PendingEvent) -> None:
        self.events.append(event)


def start_keys(population: Population, models_: Sequence[type[models.Model]]) -> None:
    """New rows continue after the highest key already in each table (an empty table starts at 1)."""
    for model in models_:
        highest = model._default_manager.aggregate(m=models.Max("pk"))["m"]  # noqa: SLF001
        population.next_pk[model] = highest or 0


def reset_sequences(models_: Sequence[type[models.Model]]) -> None:
    """PostgreSQL: explicit keys leave the id sequences behind; move them past the rows written."""
    from django.core.management.color import no_style  # noqa: PLC0415

    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@contextmanager
def explicit_creation_times(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """`created_at` fields fill themselves from the wall clock; synthetic rows carry their own times,
    so auto_now_add is off while they are written, and back on afterwards."""
    switched = [
        f
        for m in models_
        for f in m._meta.concrete_fields  # noqa: SLF001
        if isinstance(f, models.DateField) and f.auto_now_add
    ]
    for f in switched:
        f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f in switched:
            f.auto_now_add = True  # type: ignore[attr-defined]
