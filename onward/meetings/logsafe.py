"""Keeps calendar secrets out of logs (formats.md §6.1): Django logs the path of every 4xx and 5xx
response, and the development server every request; a calendar URL's path is its only credential."""

import logging
import re

SECRET_PATH = re.compile(r"/calendar/[^/\s\"?]+\.ics")
HIDDEN = "/calendar/[secret].ics"


def hide(text: str) -> str:
    return SECRET_PATH.sub(HIDDEN, text)


class HideCalendarSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = hide(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(hide(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True
