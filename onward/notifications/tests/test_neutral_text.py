"""Nothing that leaves Onward, nor any notification title or body, names substances, care or medication."""

import pytest
from django.core import mail

from onward.alerts.services import ALERT_BODY, ALERT_TITLE, raise_alert
from onward.core.errors import InvalidInput
from onward.core.neutral import FORBIDDEN_WORDS, OUTSIDE_SUBJECT, OUTSIDE_TEXT, forbidden_words_in
from onward.notifications.delivery import deliver
from onward.notifications.models import Delivery, Notification
from onward.notifications.services import notify
from onward.notifications.tests.factories import choose

# The words the issue names; the one list in neutral.py must hold them all.
ISSUE_WORDS = "opioid heroin methadone buprenorphine naltrexone treatment overdose screen dose relapse substance"


def test_the_list_holds_every_word_the_issue_names():
    assert set(ISSUE_WORDS.split()) <= set(FORBIDDEN_WORDS)


@pytest.mark.parametrize("text", ["Your Methadone DOSE is due", "drug screening today", "after treatment"])
def test_a_forbidden_word_is_found_whatever_its_case_or_ending(text):
    assert forbidden_words_in(text)


def test_the_fixed_texts_are_neutral():
    for text in (OUTSIDE_SUBJECT, OUTSIDE_TEXT, ALERT_TITLE, ALERT_BODY):
        assert forbidden_words_in(text) == [], text


def test_a_notification_that_names_care_is_refused(personas):
    with pytest.raises(InvalidInput) as caught:
        notify(recipient=personas.nurse, kind="message", link="/", title="Dose due", body="Bring your screen cup")
    assert caught.value.fields.keys() == {"title", "body"}
    assert not Notification.objects.exists()


def test_every_message_an_alert_sends_is_neutral(personas, capsys):
    choose(personas.person.account, sms_enabled=True, phone="+15555550123")
    raise_alert(
        person=personas.person,
        kind="screens.positive_fentanyl",
        severity="high",
        reasons=["a positive screen for fentanyl after a methadone dose"],
        source_rule="test",
        addressed_to_person=True,
    )
    for delivery in Delivery.objects.all():
        deliver(delivery.pk)
    texts = [n.title + " " + n.body for n in Notification.objects.all()]
    texts += [m.subject + " " + m.body for m in mail.outbox]
    texts.append(capsys.readouterr().out)
    assert len(mail.outbox) >= 4  # the team and the person
    for text in texts:
        assert forbidden_words_in(text) == [], text
