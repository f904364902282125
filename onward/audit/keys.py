"""The audit key: 32 random bytes, hex, in a file outside the database (`ONWARD_AUDIT_KEY_FILE`).

Someone who can write to the database but cannot read this file cannot make an event, a link or an
anchor that `onward audit verify` accepts. Without ONWARD_AUDIT_KEY_FILE a key is made once in the data
folder (demo, development, tests); `onward manage check --deploy` refuses that.
"""

import functools
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32


def audit_key() -> bytes:
    return _read(Path(settings.AUDIT_KEY_FILE), make=not settings.AUDIT_KEY_FILE_GIVEN)


def local_audit_key_file(data_dir: Path) -> Path:
    """The key made once in the data folder when ONWARD_AUDIT_KEY_FILE is unset (settings): made as the
    settings load, as the local secret key is, so a copied data folder keeps its key."""
    path = data_dir / "local-audit-key"
    _make(path)
    return path


def key_problem() -> str | None:
    """Why the configured key cannot be used, or None (for the deploy check)."""
    if not settings.AUDIT_KEY_FILE_GIVEN:
        return "ONWARD_AUDIT_KEY_FILE is not set: the audit key must be a file kept outside the database."
    try:
        _read(Path(settings.AUDIT_KEY_FILE), make=False)
    except ImproperlyConfigured as exc:
        return str(exc)
    return None


@functools.cache
def _read(path: Path, *, make: bool) -> bytes:
    if make:
        _make(path)
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(f"the audit key file {path} cannot be read: {exc}") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError as exc:
        raise ImproperlyConfigured(f"the audit key file {path} must hold hex digits") from exc
    if len(key) < KEY_BYTES:
        raise ImproperlyConfigured(f"the audit key in {path} must be at least {KEY_BYTES} bytes (64 hex digits)")
    return key


def _make(path: Path) -> None:
    """Write a new key beside `path` and link it into place: another process starting at the same time
    either made the key first (ours is dropped) or reads a complete one, never a half-written file."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(KEY_BYTES))
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process made it first
    finally:
        temporary.unlink(missing_ok=True)
