"""E-mail through Django's mail backends, text messages through the console and HTTP adapters, each
send recorded on its Delivery row, retried when it failed, and never sent twice."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import call_command

from onward.notifications.delivery import deliver, send_due_deliveries
from onward.notifications.models import Delivery, Status
from onward.notifications.services import notify
from onward.notifications.tests.factories import choose


class Gateway(BaseHTTPRequestHandler):
    """A stand-in SMS gateway: records each request, answers with the server's `status_to_send`."""

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.server.received.append((self.headers["Authorization"], json.loads(self.rfile.read(length))))
        self.send_response(self.server.status_to_send)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    server.received, server.status_to_send = [], 202
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ONWARD_SMS_ADAPTER = "http"
    settings.ONWARD_SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/messages"
    settings.ONWARD_SMS_HTTP_TOKEN = "test-token"  # noqa: S105 - a test value
    yield server
    server.shutdown()
    server.server_close()


def the_delivery(notification, channel):
    return Delivery.objects.get(notification=notification, channel=channel)


def test_an_email_says_only_that_there_is_a_message_and_links_to_the_sign_in(personas, settings):
    settings.SITE_URL = "https://onward.example"
    notification = notify(recipient=personas.counselor, kind="alert", link=f"/people/{personas.person.public_id}/")
    sent = deliver(the_delivery(notification, "email").pk)
    assert (sent.status, sent.attempts, sent.sent_at is not None) == (Status.SENT, 1, True)
    (message,) = mail.outbox
    assert message.to == [personas.counselor.email]
    assert message.subject == "You have a new message in Onward"
    assert f"https://onward.example/notifications/{notification.public_id}/open/" in message.body
    assert str(personas.person.public_id) not in message.body  # not even whom it is about


def test_the_console_adapter_writes_the_text_message_to_standard_output(personas, capsys):
    choose(personas.person.account, sms_enabled=True, phone="+1 555 555 0123", email_enabled=False)
    notification = notify(recipient=personas.person.account, kind="message", link="/")
    assert deliver(the_delivery(notification, "sms").pk).status == Status.SENT
    out = capsys.readouterr().out
    assert out.startswith("SMS to +15555550123: You have a new message in Onward.")
    assert f"/notifications/{notification.public_id}/open/" in out
    assert not Delivery.objects.filter(notification=notification, channel="email").exists()


def test_the_http_adapter_posts_json_with_the_bearer_token(personas, gateway):
    choose(personas.person.account, sms_enabled=True, phone="+15555550123")
    notification = notify(recipient=personas.person.account, kind="message", link="/")
    assert deliver(the_delivery(notification, "sms").pk).status == Status.SENT
    ((authorization, body),) = gateway.received
    assert authorization == "Bearer test-token"
    assert body["to"] == "+15555550123"
    assert body["text"].startswith("You have a new message in Onward.")


def test_a_gateway_error_is_recorded_and_retried_until_the_attempts_run_out(personas, gateway, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    gateway.status_to_send = 503
    choose(personas.person.account, sms_enabled=True, phone="+15555550123")
    notification = notify(recipient=personas.person.account, kind="message", link="/")
    failed = deliver(the_delivery(notification, "sms").pk)
    assert (failed.status, failed.attempts, failed.error) == (Status.FAILED, 1, "the SMS gateway answered HTTP 503")
    assert send_due_deliveries() == 0  # second attempt fails too
    gateway.status_to_send = 200
    assert send_due_deliveries() == 1  # third attempt goes through
    sent = the_delivery(notification, "sms")
    assert (sent.status, sent.attempts, sent.error) == (Status.SENT, 3, "")
    assert len(gateway.received) == 3


def test_after_the_last_attempt_a_failure_stays_failed(personas, gateway, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    gateway.status_to_send = 500
    choose(personas.person.account, sms_enabled=True, phone="+15555550123")
    delivery = the_delivery(notify(recipient=personas.person.account, kind="message", link="/"), "sms")
    deliver(delivery.pk)
    assert send_due_deliveries() == 0
    assert deliver(delivery.pk).attempts == 1
    assert len(gateway.received) == 1


def test_an_unreachable_gateway_is_a_failure_not_a_crash(personas, settings):
    settings.ONWARD_SMS_ADAPTER = "http"
    settings.ONWARD_SMS_HTTP_URL = "http://127.0.0.1:9/nothing-listens-here"
    choose(personas.person.account, sms_enabled=True, phone="+15555550123")
    failed = deliver(the_delivery(notify(recipient=personas.person.account, kind="message", link="/"), "sms").pk)
    assert failed.status == Status.FAILED
    assert failed.error.startswith("the SMS gateway could not be reached")


def test_delivering_twice_sends_once(personas):
    delivery = the_delivery(notify(recipient=personas.nurse, kind="message", link="/"), "email")
    deliver(delivery.pk)
    deliver(delivery.pk)
    assert send_due_deliveries() == 0
    assert len(mail.outbox) == 1


def test_a_channel_turned_off_before_sending_is_not_used(personas):
    delivery = the_delivery(notify(recipient=personas.nurse, kind="message", link="/"), "email")
    choose(personas.nurse, email_enabled=False)
    assert deliver(delivery.pk).status == Status.CANCELLED
    assert mail.outbox == []


def test_kinds_chosen_in_app_only_make_no_outside_delivery(personas):
    choose(personas.nurse, outside_off_kinds=["message"])
    assert not Delivery.objects.filter(notification=notify(recipient=personas.nurse, kind="message", link="/")).exists()
    assert Delivery.objects.filter(notification=notify(recipient=personas.nurse, kind="alert", link="/")).exists()


@pytest.mark.django_db(transaction=True)  # the worker takes its own transactions
def test_the_worker_sends_the_queued_email_once_however_often_it_runs(personas, time_machine):
    time_machine.move_to("2026-03-01T15:00:00Z", tick=False)
    notify(recipient=personas.counselor, kind="message", link="/")
    call_command("worker", "--once")
    call_command("worker", "--once")
    assert [m.to for m in mail.outbox] == [[personas.counselor.email]]
    assert Delivery.objects.get().status == Status.SENT
