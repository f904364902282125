"""Text messages through a pluggable adapter, chosen by the ONWARD_SMS_ADAPTER setting.

`console` (the default) writes each message to standard output, for development and the demo;
`http` POSTs JSON to ONWARD_SMS_HTTP_URL with a bearer token, for a gateway that speaks it; any other
value is a "package.module:ClassName" of your own adapter. An adapter raises `SendFailed` when the
message did not go; the caller records the attempt and retries later.
"""

import json
import sys
import urllib.error
import urllib.request
from importlib import import_module
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SendFailed(Exception):  # noqa: N818 - reads as what happened
    """The message was not accepted; `str()` says why, for the delivery's error field."""


class SmsAdapter(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class ConsoleAdapter:
    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}: {text}\n")
        sys.stdout.flush()


class HttpAdapter:
    """POST {"to": ..., "text": ...} as JSON; any answer outside 200–299, or none, is a failure."""

    def __init__(self, *, url: str, token: str, timeout_seconds: float) -> None:
        if not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("ONWARD_SMS_HTTP_URL must be an http:// or https:// address")
        self.url, self.token, self.timeout_seconds = url, token, timeout_seconds

    def send(self, *, to: str, text: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            self.url,
            data=json.dumps({"to": to, "text": text}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:  # urllib raises on 4xx and 5xx
            raise SendFailed(f"the SMS gateway answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SendFailed(f"the SMS gateway could not be reached: {exc}") from exc
        if not 200 <= status < 300:
            raise SendFailed(f"the SMS gateway answered HTTP {status}")


def adapter() -> SmsAdapter:
    """The adapter the settings name."""
    name = settings.ONWARD_SMS_ADAPTER
    if name == "console":
        return ConsoleAdapter()
    if name == "http":
        return HttpAdapter(
            url=settings.ONWARD_SMS_HTTP_URL,
            token=settings.ONWARD_SMS_HTTP_TOKEN,
            timeout_seconds=settings.ONWARD_SMS_HTTP_TIMEOUT_SECONDS,
        )
    module, _, attribute = name.partition(":")
    if not attribute:
        raise ImproperlyConfigured(f"ONWARD_SMS_ADAPTER must be console, http or module:Class, not {name!r}")
    made: SmsAdapter = getattr(import_module(module), attribute)()
    return made
