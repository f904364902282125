"""The person's own whole record, printable or as JSON."""

import json
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onward.people.access import access_person
from onward.people.export import build_record


@login_required
def own_record(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's whole record as a printable page, or as JSON with ?format=json."""
    access = access_person(request.user, person_id, kind="export", action="read")
    record = build_record(access)
    if request.GET.get("format") == "json":
        response = HttpResponse(json.dumps(record, indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="my-onward-record.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "people/record.html", {"record": record})
