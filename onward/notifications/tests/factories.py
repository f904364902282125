"""Helpers for notification tests: set a user's choices through the real service."""

from datetime import time

from onward.notifications.services import update_preferences


def choose(user, **changes):
    values = {
        "email_enabled": True,
        "sms_enabled": False,
        "phone": "",
        "quiet_start": None,
        "quiet_end": None,
        "time_zone": "America/Chicago",
        "urgent_during_quiet_hours": False,
        "outside_off_kinds": [],
    } | changes
    return update_preferences(user=user, **values)


NIGHT = {"quiet_start": time(22, 0), "quiet_end": time(7, 0)}
