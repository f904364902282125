"""The quick exit signs out and tells the browser to forget Onward, in one GET that works without JavaScript."""

import pytest

pytestmark = pytest.mark.django_db


def test_quick_exit_signs_out_clears_site_data_and_goes_to_the_neutral_page(client_as, personas, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    client = client_as("person")
    response = client.get("/accounts/exit/")
    assert response.status_code == 302
    assert response["Location"] == "https://neutral.example/"
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response["Cache-Control"] == "no-store"
    assert client.get("/").status_code == 302  # signed out: Today asks for sign-in again


def test_quick_exit_works_for_someone_already_signed_out(client, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    assert client.get("/accounts/exit/")["Location"] == "https://neutral.example/"
