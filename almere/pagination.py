"""Pagination for the public lists of press releases, which run to 100,000 items."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

# Past this many items a page is past the end of any list (and of what the
# databases' OFFSET takes: a 64-bit integer).
MAX_OFFSET = 10**12


class UncountedPaginator(Paginator):
    """A paginator that never counts its list to show a page.

    Counting took longer than making the rest of the page (9 ms for the press
    list at 100,000 releases, 25 ms for a topic of 17,000, 10 ms for a sitemap
    page), and a reader who pages with "Newer" and "Older" needs only to know
    whether there is an older page: a page reads one row more than it shows. A
    page past the end is an ``EmptyPage`` (a 404), found by its having no rows.
    ``count`` and ``num_pages`` still count when asked (a filtered list says how
    many it found; a sitemap index, how many pages a section has).
    """

    counts_pages = False

    def validate_number(self, number) -> int:
        # Django's own check, without the upper bound, which needs the count.
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if (number - 1) * self.per_page > MAX_OFFSET:
            # No list is that long, and the database cannot skip that far.
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def rows(self, bottom: int, top: int) -> list:
        return list(self.object_list[bottom:top])

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.rows(bottom, bottom + self.per_page + 1)
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        return UncountedPage(
            rows[: self.per_page], number, self, has_next=len(rows) > self.per_page
        )


class KeysFirstPaginator(UncountedPaginator):
    """Finds a page's keys first, then reads only those rows, and never counts.

    ``?page=4650`` of the press list asks the database to skip 46,490 releases.
    Skipping them in the list's own query reads every one of them from the table
    (about 55 ms at 100,000 releases); skipping their keys reads them from an
    index that holds the keys in list order, and only the rows shown are read
    from the table (about 6 ms). It stays one query: the keys are a subquery.

    The list must be a queryset ordered by an index; its select_related and
    prefetch_related still apply.
    """

    def rows(self, bottom: int, top: int) -> list:
        return keys_first(self.object_list, bottom, top)


def keys_first(queryset, bottom: int, top: int) -> list:
    """``queryset[bottom:top]``, its keys found first and then only their rows
    read: the rows skipped are skipped in an index that holds the keys in the
    queryset's order, not read from the table. One query (the keys are a
    subquery); the queryset's order, select_related and prefetch_related apply.
    """
    return list(queryset.filter(pk__in=queryset.values("pk")[bottom:top]))


class UncountedPage(Page):
    """A page that knows whether an older one follows, without the list's count."""

    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0
