"""Template filters for stored import reports: an ISO moment (formats.md §4.6 keeps them as text)
shown on the reader's clock with its zone's abbreviation."""

from datetime import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()


@register.filter
def iso_moment(value: object) -> str:
    """ "2026-12-07T00:00:00Z" -> "Sun 6 Dec 2026, 19:00 EST" for a reader in New York; other text as is."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return str(value)
    return dateformat.format(timezone.localtime(moment), "D j M Y, H:i T")
