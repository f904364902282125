"""Returns to use the person reported (each starts a new stretch; nothing earlier is changed; one made by
mistake is retracted with a reason, kept) and their requests for help ("Reach my people"), append-only."""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Source(models.TextChoices):
    PAGE = "page", "Reported on the return-to-use page"
    CHECKIN = "checkin", "Reported in a check-in"
    API = "api", "Reported through the API"


class ReturnToUse(PublicModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    used_on = models.DateField()  # the person's local date
    reported_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)
    note = models.TextField(blank=True)  # the person's own words, for them and the care team
    # A report made by mistake is taken back, never deleted: the stretches then leave it out.
    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    retraction_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["person", "used_on"], condition=Q(retracted_at__isnull=True), name="return_to_use_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"return to use on {self.used_on} ({self.person_id})"


class ReachBy(models.TextChoices):
    CALL = "call", "Call"
    TEXT = "text", "Text"


class HelpRequest(PublicModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    message = models.CharField(max_length=500, blank=True)  # shown to consented supporters behind sign-in
    supporters_notified = models.PositiveIntegerField(default=0)
    # How the person asked to be reached for this request, chosen at that moment: the one number they
    # share with the supporters it was sent to and the care team (blank: no number shared), call or text.
    reach_phone = models.CharField(max_length=32, blank=True)
    reach_by = models.CharField(max_length=4, choices=ReachBy.choices, blank=True)

    def __str__(self) -> str:
        return f"help request {self.public_id}"


class HelpRecipient(models.Model):
    """A supporter the request was sent to (their consent covered requests for help at that moment):
    the supporters who may see it, its number, and answer it."""

    request = models.ForeignKey(HelpRequest, on_delete=models.PROTECT, related_name="recipients")
    supporter = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["request", "supporter"], name="help_recipient_once"),
        ]

    def __str__(self) -> str:
        return f"help request {self.request_id} sent to {self.supporter_id}"


class HelpResponse(PublicModel):
    """ "I'm on it": a supporter or a member of the care team says they are getting in touch (once each)."""

    request = models.ForeignKey(HelpRequest, on_delete=models.PROTECT, related_name="responses")
    responder = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["request", "responder"], name="help_response_once"),
        ]

    def __str__(self) -> str:
        return f"on it: {self.responder_id} for help request {self.request_id}"
