"""Typed readers for ONWARD_* environment variables; nonsense is refused, not guessed."""

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw not in {"", "true", "false"}:
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {raw!r}")
    return default if raw == "" else raw == "true"


def env_int(name: str, *, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return int(raw)


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    return [part.strip() for part in raw.split(",") if part.strip()] if raw.strip() else list(default)


def database_from_url(url: str, *, data_dir: Path) -> dict[str, Any]:
    """Django DATABASES entry from ONWARD_DATABASE_URL; empty means SQLite in the data folder.

    Accepted: ``sqlite:///relative/or/absolute/path``, ``postgres://user:pass@host:port/name`` (or
    ``postgresql://``); query parameters on PostgreSQL URLs become connection options.
    """
    url = url.strip()
    if not url or url.startswith("sqlite:"):
        # sqlite:///var/x is relative, sqlite:////srv/x absolute (the SQLAlchemy convention).
        path = url.removeprefix("sqlite:///")
        return sqlite_database(Path(path) if path else data_dir / "onward.sqlite3")
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"ONWARD_DATABASE_URL must start with sqlite:// or postgres://, not {parts.scheme}")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("ONWARD_DATABASE_URL must name a database, e.g. postgres://user@host/onward")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": f"test_{name}"},
    }


def sqlite_database(path: Path) -> dict[str, Any]:
    """SQLite tuned for several writers: WAL lets reads go on during a write; IMMEDIATE takes the
    write lock at BEGIN, so a busy database waits out the timeout instead of failing mid-transaction."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Tests use a file too (not the in-memory default), so they exercise WAL and locking as deployed.
        "TEST": {"NAME": str(path.with_name(f"test_{path.name}"))},
    }


LOCAL_KEY_PREFIX = "onward-local-"
DEMO_KEY_PREFIX = "onward-demo-"


def local_secret_key(data_dir: Path, *, demo: bool) -> str:
    """A random key made once and kept (mode 600) in the data folder, for the demo, development and
    tests. Its prefix marks it as not for production: the deploy check refuses it."""
    prefix = DEMO_KEY_PREFIX if demo else LOCAL_KEY_PREFIX
    path = data_dir / f"{prefix}secret-key"
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    key = prefix + secrets.token_urlsafe(50)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key)
    return key
