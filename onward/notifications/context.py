from django.http import HttpRequest

from onward.accounts.models import User
from onward.notifications.selectors import count_unread


def unread(request: HttpRequest) -> dict[str, object]:
    """The bell in the header: how many of the signed-in user's notifications are unread (one query)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}
    return {"unread_notifications": count_unread(user=user)}
