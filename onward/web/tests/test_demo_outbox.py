"""The demo's outbox shows what the demo clinic would have e-mailed, with their links; outside demo mode it
does not exist."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_mail(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    return settings


def test_the_outbox_shows_each_message_with_its_links(file_mail, client):
    file_mail.DEMO = True
    mail.send_mail(
        "Reset your password",
        "Open http://127.0.0.1:8000/accounts/reset/abc/ to choose one.",
        None,
        ["person@demo.onward.test"],
    )
    mail.send_mail("You are invited", "Welcome.", None, ["nurse@demo.onward.test"])
    page = client.get("/demo/outbox/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "You are invited" in html
    assert "Reset your password" in html
    assert "To person@demo.onward.test" in html
    assert '<a href="http://127.0.0.1:8000/accounts/reset/abc/"' in html


def test_an_empty_outbox_says_so(file_mail, client):
    file_mail.DEMO = True
    assert "Nothing has been sent yet." in client.get("/demo/outbox/").content.decode()


def test_outside_demo_mode_there_is_no_outbox(file_mail, client):
    file_mail.DEMO = False
    mail.send_mail("Reset your password", "secret link", None, ["person@example.org"])
    assert client.get("/demo/outbox/").status_code == 404
