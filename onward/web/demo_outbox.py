"""The demo's outbox: the e-mails a demo clinic sent (invitations, password resets), read from the files
Django's file e-mail backend wrote. Demo mode only: anywhere else the page does not exist."""

import email
import email.policy
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what the file backend writes after each message
SHOWN = 50


@dataclass(frozen=True)
class Sent:
    to: str
    subject: str
    sent: str
    body: str


def read_outbox(folder: Path, *, limit: int = SHOWN) -> list[Sent]:
    """The newest `limit` messages in the folder, newest first."""
    if not folder.is_dir():
        return []
    found: list[tuple[float, Sent]] = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]:
        for raw in path.read_bytes().split(SEPARATOR):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(message, EmailMessage)  # noqa: S101 - the default policy makes EmailMessage
            part = message.get_body(preferencelist=("plain", "html"))
            body = part.get_content() if part is not None else ""
            found.append(
                (path.stat().st_mtime, Sent(str(message["To"]), str(message["Subject"]), str(message["Date"]), body))
            )
    found.sort(key=lambda item: item[0], reverse=True)
    return [sent for _, sent in found[:limit]]


def outbox(request: HttpRequest) -> HttpResponse:
    if not settings.DEMO:
        raise Http404("the outbox exists in demo mode only")
    messages = read_outbox(Path(settings.EMAIL_FILE_PATH))
    return render(request, "web/demo_outbox.html", {"sent": messages, "now": datetime.now().astimezone()})
