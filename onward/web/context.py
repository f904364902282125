from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """What every page needs to know about the site itself."""
    return {"demo_mode": settings.DEMO}
