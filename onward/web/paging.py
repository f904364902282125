"""Paging of long lists on staff pages: `?page=N` (1-based). A page number the list does not have
answers 404, as does anything that is not a whole number."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest

PAGE_SIZE = 25


@dataclass(frozen=True, slots=True)
class Pager:
    number: int  # 1-based
    pages: int  # at least 1
    total: int
    first: int  # 1-based position of the first item shown; 0 when there is none
    last: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def requested_page(request: HttpRequest) -> int:
    """The `page` query parameter, 1 if absent; 404 if it is not a positive whole number."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404("no such page")
    return int(raw)


def pager(number: int, total: int, shown: int, size: int = PAGE_SIZE) -> Pager:
    """The pager of page `number` of a list of `total` showing `shown` items; 404 past the last page."""
    pages = page_count(total, size)
    if number > pages:
        raise Http404("no such page")
    first = (number - 1) * size + 1 if shown else 0
    return Pager(number, pages, total, first, first + shown - 1 if shown else 0)
