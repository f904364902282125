"""The state every generator shares: the seeded random source, the anchor, the rows to write, the
audit events to chain, and the counts printed at the end.

Determinism: one `random.Random(seed)`; every UUID and every time comes from it or from the anchor
(no clock, no `uuid4`); rows carry explicit primary keys and their own `created_at`, so the same seed
into an empty database gives the same rows.
"""

import functools
import itertools
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from django.db import connection, models

BATCH = 2000


class Row(SimpleNamespace):
    """One row to write: its primary key and column values, readable as attributes."""

    pk: int


class TableWriter:
    """Writes rows of one model with `executemany`, converting each column as Django's own field would
    (`connection.ops` adapters): the ORM's bulk_create spends most of its time compiling SQL per object."""

    def __init__(self, model: type[models.Model]) -> None:
        fields = list(model._meta.concrete_fields)
        self.plan = [(f.attname, _converter(f)) for f in fields]
        self.names = frozenset(f.attname for f in fields)
        self.defaults = {f.attname: f.get_default for f in fields if f.attname != "id"}
        quote = connection.ops.quote_name
        names = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608

    def write(self, rows: list[Row]) -> None:
        values = []
        plan, names, defaults = self.plan, self.names, self.defaults
        for row in rows:
            data = row.__dict__
            data["id"] = row.pk
            for name in names - data.keys():
                data[name] = defaults[name]()
            values.append([data[n] if c is None else (None if (v := data[n]) is None else c(v)) for n, c in plan])
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


def _converter(f: models.Field[Any, Any]) -> Any:  # noqa: PLR0911 - one return per kind of column
    ops = connection.ops
    if isinstance(f, models.UUIDField):
        return None if connection.features.has_native_uuid_field else (lambda v: v.hex)
    if isinstance(f, models.DateTimeField):
        if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
            return _sqlite_utc  # what adapt_datetimefield_value gives, without its per-value settings lookups
        return ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(f, models.JSONField):
        encoder = f.encoder
        return lambda v: ops.adapt_json_value(v, encoder)
    if isinstance(f, models.DurationField | models.TimeField | models.DecimalField):
        return lambda v: f.get_db_prep_value(v, connection, prepared=False)  # few such rows: Django's own path
    return None


def _sqlite_utc(value: datetime) -> str:
    return str(value.astimezone(UTC).replace(tzinfo=None))


@dataclass
class PendingEvent:
    """An audit event to chain once every generator has run (the audit generator hashes them)."""

    person_key: tuple[int, str] | None  # (person pk, public id): the chain is per person; None for `chain`
    at: datetime
    actor: Any  # accounts.User
    action: str
    object_type: str
    object_id: str
    purpose: str = "treatment"
    detail: dict[str, Any] = field(default_factory=dict)
    chain: str = ""  # an organization chain ("org:<slug>") for events about no person


@dataclass
class Population:
    rng: random.Random
    anchor: date
    days: int
    people: int
    rows: dict[type[models.Model], list["Row"]] = field(default_factory=lambda: defaultdict(list))
    writers: dict[type[models.Model], "TableWriter"] = field(default_factory=dict)
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
        keys, cumulative = _cumulative(tuple(weights.items()))
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def between(self, bounds: Sequence[int]) -> int:
        low, high = bounds
        return self.rng.randint(low, high)

    def add(self, model: type[models.Model], **values: Any) -> Row:
        """Queue one row of `model` with the next primary key of its table; written in batches.
        Foreign keys are given by id (`person_id=…`); unnamed columns take the field's default."""
        self.next_pk[model] += 1
        row = Row(pk=self.next_pk[model], **values)
        bucket = self.rows[model]
        bucket.append(row)
        if len(bucket) >= BATCH:
            self.flush(model)
        return row

    def flush(self, model: type[models.Model] | None = None) -> None:
        for each in [model] if model else list(self.rows):
            bucket = self.rows[each]
            if bucket:
                writer = self.writers.get(each) or self.writers.setdefault(each, TableWriter(each))
                writer.write(bucket)
                self.written[each._meta.db_table] += len(bucket)
                bucket.clear()

    def event(self, event: PendingEvent) -> None:
        self.events.append(event)


@functools.cache
def _cumulative(items: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    return [k for k, _ in items], list(itertools.accumulate(w for _, w in items))


def start_keys(population: Population, models_: Sequence[type[models.Model]]) -> None:
    """New rows continue after the highest key already in each table (an empty table starts at 1)."""
    for model in models_:
        highest = model._default_manager.aggregate(m=models.Max("pk"))["m"]
        population.next_pk[model] = highest or 0


def reset_sequences(models_: Sequence[type[models.Model]]) -> None:
    """PostgreSQL: explicit keys leave the id sequences behind; move them past the rows written."""
    from django.core.management.color import no_style  # noqa: PLC0415

    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
