"""The care area's part of the person's record: every appointment with every change of its status."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from onward.care.models import Appointment, StatusChange
from onward.core.export import Item, PartSpec, SectionSpec, label

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _appointments(access: "PersonAccess") -> Iterable[Item]:
    changes = Prefetch("status_changes", StatusChange.objects.select_related("changed_by").order_by("changed_at", "pk"))
    rows = (
        Appointment.objects.filter(person=access.person)
        .select_related("staff", "booked_by")
        .prefetch_related(changes)
        .order_by("starts_at", "pk")
    )
    for a in rows:
        yield {
            "id": a.public_id,
            "created_at": a.created_at,
            "kind": a.get_kind_display(),
            "mode": a.get_mode_display(),
            "starts_at": a.starts_at,
            "duration_minutes": a.duration_minutes,
            "with": label(a.staff),
            "location": a.location,
            "video_url": a.video_url,
            "status": a.get_status_display(),
            "booked_by": label(a.booked_by),
            "status_changes": [
                {
                    "status": c.get_status_display(),
                    "changed_at": c.changed_at,
                    "by": label(c.changed_by),
                    "reason": c.reason,
                }
                for c in a.status_changes.all()
            ],
        }


PART = PartSpec(
    area="care",
    title="Appointments",
    sections=(
        SectionSpec(
            "appointments",
            "Appointments",
            ("care.Appointment", "care.StatusChange"),
            kind="appointments",
            scope="schedule",
            read=_appointments,
        ),
    ),
)
