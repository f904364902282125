"""The pages a reader meets when something stops them, in Onward's style with a way back, and the
site's icon at the address browsers ask for first.

Django renders `403.html`, `404.html` and `500.html` (onward/web/templates/) when DEBUG is off; the 500
page is plain (no database, no context processors), since the error may be the database itself."""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = Path(__file__).resolve().parent / "static" / "web" / "favicon-32.png"


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`: browsers fetch it on every first load, whatever the page links."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/png")
