"""Each area owns its pages' URLs: a route is named in the namespace of the area whose view serves it."""

import pytest
from django.urls import get_resolver, resolve

SOME_ID = "00000000-0000-0000-0000-000000000001"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/appointments/", "care:my-appointments"),
        (f"/people/{SOME_ID}/appointments/", "care:person-appointments"),
        (f"/people/{SOME_ID}/appointments/{SOME_ID}/appointment.ics", "care:appointment-ics"),
        (f"/people/{SOME_ID}/appointments/{SOME_ID}/status/", "care:appointment-status"),
        (f"/people/{SOME_ID}/alerts/", "alerts:person-alerts"),
        (f"/people/{SOME_ID}/alerts/{SOME_ID}/resolve/", "alerts:alert-resolve"),
        (f"/people/{SOME_ID}/alerts/{SOME_ID}/acknowledge/", "alerts:alert-acknowledge"),
    ],
)
def test_the_alerts_and_care_pages_keep_their_paths_under_their_own_names(path, name):
    assert resolve(path).view_name == name


def test_every_named_route_lives_in_the_namespace_of_the_app_whose_view_serves_it():
    # web composes pages of several areas; people's two record pages are served from web:
    # until they move there with the composition layer (issue 14, item 1).
    misplaced = []
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        for pattern in resolver.url_patterns:
            module = getattr(getattr(pattern, "callback", None), "__module__", "").split(".")
            area = module[1] if module[0] == "onward" and len(module) > 1 else ""
            if area and area not in {"web", "api", "people"} and namespace != area:
                misplaced.append(f"{namespace}:{pattern.name} is served by onward.{area}")
    assert misplaced == []
