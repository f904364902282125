"""The user's own notifications (list, open, mark read) and choices, as pages that need no JavaScript."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from onward.accounts.models import User
from onward.core.errors import InvalidInput
from onward.notifications import selectors, services
from onward.notifications.forms import PreferencesForm


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required and our user model
    return request.user


@login_required
def list_notifications(request: HttpRequest) -> HttpResponse:
    notifications = selectors.list_notifications(user=_user(request))
    return render(request, "notifications/list.html", {"notifications": notifications})


@login_required
def open_notification(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """Where e-mails and text messages point: marks it read, then shows the page it is about."""
    notification = services.mark_read(user=_user(request), notification_id=notification_id)
    if not url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.link)


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    services.mark_read(user=_user(request), notification_id=notification_id)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=_user(request))
    messages.info(request, f"Marked {count} as read." if count else "Nothing was unread.")
    return redirect("notifications:list")


@login_required
def edit_preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    current = selectors.get_preference(user=user)
    initial = {
        "email_enabled": current.email_enabled,
        "sms_enabled": current.sms_enabled,
        "phone": current.phone,
        "quiet_start": current.quiet_start,
        "quiet_end": current.quiet_end,
        "time_zone": current.time_zone,
        "urgent_during_quiet_hours": current.urgent_during_quiet_hours,
        "outside_off_kinds": current.outside_off_kinds,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_preferences(user=user, **form.cleaned_data)
        except InvalidInput as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.info(request, "Your choices are saved.")
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
