"""The search and filters of the staff lists of people (the caseload, the people enrolled): a GET form
whose values narrow `summaries.caseload.page_people_list`, and the query string the pager keeps."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.http import urlencode

from onward.accounts.models import User
from onward.accounts.selectors import list_programs_for
from onward.core import clock
from onward.people.selectors import ListQuery, level_group_choices
from onward.summaries.caseload import PAGE_SIZE, PeopleList, columns_for, page_people_list, severity_choices
from onward.web.paging import pager, requested_page

FILTERS = ("q", "program", "level", "severity")


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label="Name or record number",
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    program = forms.ChoiceField(label="Program", required=False)
    level = forms.ChoiceField(label="Level of care", required=False)
    severity = forms.ChoiceField(label="Most severe open alert", required=False)

    def __init__(self, data: Any, *, programs: list[Any], alerts: bool) -> None:
        super().__init__(data)
        self.programs = {str(p.public_id): p for p in programs}
        self._choices("program", [("", "All programs"), *((str(p.public_id), p.name) for p in programs)])
        self._choices("level", [("", "All levels"), *level_group_choices()])
        if alerts:
            self._choices("severity", [("", "Any or none"), *severity_choices()])
        else:
            del self.fields["severity"]
        if len(programs) < 2:  # nothing to choose between
            del self.fields["program"]

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = choices


def people_list_context(request: HttpRequest, user: User) -> dict[str, Any]:
    """The list's page, pager, filter form and the query string its pager links keep."""
    programs = list(list_programs_for(user, on=clock.now().date()))
    form = PeopleFilterForm(request.GET, programs=programs, alerts=columns_for(user).alerts)
    cleaned = form.cleaned_data if form.is_valid() else {}
    program = form.programs.get(cleaned.get("program") or "")
    query = ListQuery(
        search=cleaned.get("q", ""), program_id=program.pk if program else None, level_group=cleaned.get("level", "")
    )
    number = requested_page(request)
    found: PeopleList = page_people_list(
        actor=user, query=query, severity=cleaned.get("severity", ""), page=number, size=PAGE_SIZE
    )
    kept = {name: cleaned[name] for name in FILTERS if cleaned.get(name)}
    return {
        "people_list": found,
        "pager": pager(number, found.total, len(found.rows), PAGE_SIZE),
        "page_size": PAGE_SIZE,
        "filter_form": form,
        "filtered": bool(kept),
        "page_query": urlencode(kept),
        "programs": programs,
    }
