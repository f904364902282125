"""`{{ reason|in_words }}`: an alert's reason as a reader reads it (alerts.words)."""

from django import template

from onward.alerts.words import in_words as _in_words

register = template.Library()


@register.filter
def in_words(text: str) -> str:
    return _in_words(str(text))
