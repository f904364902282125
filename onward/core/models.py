"""The shared base model: an opaque public id for URLs and the API, a UTC creation time."""

import uuid

from django.db import models


class PublicModel(models.Model):
    """Integer keys stay inside the database; the outside world sees only `public_id`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
