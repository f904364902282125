"""403, 404 and 500 in Onward's style with a way back (DEBUG off, as in production), and the icon
browsers ask for first."""

import pytest
from django.test import Client
from django.urls import path

from onward.core.errors import Forbidden
from onward.urls import urlpatterns as onward_urls


def refuse(request):
    raise Forbidden("not permitted: read assessments")


def fail(request):
    raise RuntimeError("boom")


urlpatterns = [path("test-refused/", refuse), path("test-failed/", fail), *onward_urls]


@pytest.fixture
def pages(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    return settings


def test_a_refused_page_says_why_in_onwards_style_with_a_way_back(pages, personas, client_as):
    response = client_as("coach").get("/test-refused/")
    text = response.content.decode()
    assert response.status_code == 403
    assert "<h1>This page is not open to you</h1>" in text
    assert 'href="/">Back to your home page</a>' in text
    assert "site.css" in text
    assert "Forbidden</h1>" not in text


def test_a_missing_page_says_so_with_a_way_back(pages, personas, client_as):
    response = client_as("person").get("/no-such-page/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in text
    assert 'href="/">Back to your home page</a>' in text


def test_a_failure_shows_the_plain_500_page_with_the_crisis_lines(pages, db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-failed/")
    text = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in text
    assert 'href="tel:988"' in text
    assert 'href="/">Back to your home page</a>' in text


def test_the_favicon_is_served_and_every_page_links_the_icons(db, client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/png"
    assert icon.content.startswith(b"\x89PNG")
    page = client.get("/help/").content.decode()
    assert 'rel="icon"' in page
    assert 'rel="apple-touch-icon"' in page
