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
from onward.notifications.building import TEAM_WORDS_FOR
from onward.notifications.forms import PreferencesForm

EARLIER_LINES = 20  # read lines shown under the unread ones


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required and our user model
    return request.user


@login_required
def list_notifications(request: HttpRequest) -> HttpResponse:
    """A member of staff's notifications say what happened and to whom, one line per person per topic;
    everyone else's stay in the neutral words, one by one."""
    user = _user(request)
    if user.role not in TEAM_WORDS_FOR:
        notifications = selectors.list_notifications(user=user)
        return render(request, "notifications/list.html", {"notifications": notifications})
    unread, unread_lines = selectors.grouped_notifications(user=user, unread=True)
    earlier, earlier_lines = selectors.grouped_notifications(user=user, unread=False, limit=EARLIER_LINES)
    context = {
        "unread": unread,
        "unread_lines": unread_lines,
        "earlier": earlier,
        "earlier_lines": earlier_lines,
    }
    return render(request, "notifications/team_list.html", context)


@login_required
def open_notification(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """Where e-mails and text messages point: marks it read (from a member of staff's list, with the rest
    of its line), then shows the page it is about."""
    notification = services.mark_read(
        user=_user(request), notification_id=notification_id, with_its_group=request.GET.get("line") == "1"
    )
    if not url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.link)


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    services.mark_read(
        user=_user(request), notification_id=notification_id, with_its_group=request.POST.get("line") == "1"
    )
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
