"""Settings from ONWARD_* variables: safe defaults, nonsense refused, the deploy check."""

from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from onward.core.config import database_from_url, env_bool, env_int


def test_no_url_means_sqlite_in_the_data_folder_in_wal_mode():
    db = database_from_url("", data_dir=Path("/srv/onward"))
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == Path("/srv/onward/onward.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["OPTIONS"]["timeout"] > 0


@pytest.mark.parametrize(
    ("url", "name"), [("sqlite:///var/x.db", Path("var/x.db")), ("sqlite:////srv/x.db", Path("/srv/x.db"))]
)
def test_sqlite_urls_take_relative_and_absolute_paths(url, name):
    assert database_from_url(url, data_dir=Path("/d"))["NAME"] == name


def test_a_postgres_url_is_split_into_its_parts():
    db = database_from_url("postgres://onward:s%40cret@db.internal:6543/records?sslmode=require", data_dir=Path())
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"]) == (
        "django.db.backends.postgresql",
        "records",
        "onward",
        "s@cret",
    )
    assert (db["HOST"], db["PORT"], db["OPTIONS"]) == ("db.internal", "6543", {"sslmode": "require"})


@pytest.mark.parametrize("url", ["mysql://x@y/z", "postgres://x@y/"])
def test_an_unusable_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url, data_dir=Path())


def test_booleans_and_numbers_must_be_written_plainly(monkeypatch):
    monkeypatch.setenv("ONWARD_X", "yes")
    with pytest.raises(ImproperlyConfigured):
        env_bool("ONWARD_X", default=False)
    monkeypatch.setenv("ONWARD_X", "TRUE")
    assert env_bool("ONWARD_X", default=False) is True
    monkeypatch.setenv("ONWARD_N", "0")
    with pytest.raises(ImproperlyConfigured):
        env_int("ONWARD_N", default=5, minimum=1)


def deploy_errors():
    return {message.id for message in run_checks(include_deployment_checks=True) if message.id.startswith("onward.")}


def test_the_deploy_check_refuses_debug_demo_a_local_key_and_plain_cookies(settings):
    settings.DEBUG, settings.DEMO = True, True
    settings.SECRET_KEY = "onward-local-" + "x" * 60
    settings.SESSION_COOKIE_SECURE = False
    settings.AUDIT_KEY_FILE_GIVEN = False  # the audit key made in the data folder
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = False, 0
    assert deploy_errors() == {"onward.E001", "onward.E002", "onward.E003", "onward.E004", "onward.E005", "onward.E006"}


def test_the_deploy_check_refuses_a_missing_audit_key_file(settings, tmp_path):
    settings.DEBUG, settings.DEMO = False, False
    settings.SECRET_KEY = "k" * 64
    settings.SESSION_COOKIE_SECURE = True
    settings.AUDIT_KEY_FILE, settings.AUDIT_KEY_FILE_GIVEN = tmp_path / "no-such-key", True
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31_536_000
    assert deploy_errors() == {"onward.E005"}


def test_the_deploy_check_passes_safe_settings(settings, tmp_path):
    settings.DEBUG, settings.DEMO = False, False
    settings.SECRET_KEY = "k" * 64
    settings.SESSION_COOKIE_SECURE = True
    (tmp_path / "audit-key").write_text("ab" * 32)
    settings.AUDIT_KEY_FILE, settings.AUDIT_KEY_FILE_GIVEN = tmp_path / "audit-key", True
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31_536_000
    assert deploy_errors() == set()


@pytest.mark.parametrize(("redirect", "hsts"), [(False, 31_536_000), (True, 0), (True, 3600)])
def test_the_deploy_check_refuses_plain_http_or_missing_hsts(settings, tmp_path, redirect, hsts):
    settings.DEBUG, settings.DEMO = False, False
    settings.SECRET_KEY = "k" * 64
    settings.SESSION_COOKIE_SECURE = True
    (tmp_path / "audit-key").write_text("ab" * 32)
    settings.AUDIT_KEY_FILE, settings.AUDIT_KEY_FILE_GIVEN = tmp_path / "audit-key", True
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = redirect, hsts
    assert deploy_errors() == {"onward.E006"}


def test_the_test_suite_runs_with_debug_off(settings):
    assert settings.DEBUG is False
