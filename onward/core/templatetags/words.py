"""`{% load words %}`: text Onward's rules wrote, in the reader's words (`core.words`)."""

from django import template
from django.utils import timezone

from onward.core.words import code_words, reason_words

register = template.Library()


@register.filter(name="reason_words")
def reason_words_filter(value: object, zone: object = None) -> str:
    """A rule's reason with codes in words and ISO moments on `zone`'s clock: clinical pages give the
    person's zone; without one, the page's (the reader's, set by `web.zone.ReaderTimeZoneMiddleware`)."""
    return reason_words(str(value), str(zone or timezone.get_current_timezone()))


@register.filter(name="code_words")
def code_words_filter(value: object) -> str:
    """A code ("acute_phase", "below_mild") as words."""
    return code_words(str(value))
