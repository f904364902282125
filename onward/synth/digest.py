"""A digest of the whole database: every table's rows in primary-key order, SHA-256.

Two runs of `onward synth` with the same seed and anchor into empty databases give the same digest.
Left out, because they record when the database was made rather than what the seed made:
`django_migrations` (the time each migration was applied) and `django_session` (sign-ins).
The digest is per database engine: SQLite and PostgreSQL return dates and JSON in different forms.
"""

import hashlib

from django.db import connections

EXCLUDED = frozenset({"django_migrations", "django_session"})


def database_digest(using: str = "default") -> tuple[str, dict[str, int]]:
    """The hex digest and the number of rows hashed per table (of the database `using`)."""
    connection = connections[using]
    total = hashlib.sha256()
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        tables = sorted(t for t in connection.introspection.table_names(cursor) if t not in EXCLUDED)
        for table in tables:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            key = connection.introspection.get_primary_key_column(cursor, table)
            order = [key] if key else columns
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} "  # noqa: S608 - names from introspection
                f"ORDER BY {', '.join(map(quote, order))}"
            )
            total.update(f"table {table} {columns}\n".encode())
            rows = 0
            while batch := cursor.fetchmany(5000):
                for row in batch:
                    total.update(repr(row).encode())
                    total.update(b"\n")
                rows += len(batch)
            counts[table] = rows
    return total.hexdigest(), counts
