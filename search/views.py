import dataclasses

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext
from django.views.generic import TemplateView

from almere.filters import QuickSelect
from almere.i18n import url_in
from almere.meta import Crumb, PageMeta, PageMetaMixin, lower_first, shorten

from . import services
from .registry import source_for, sources

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
# Results of each kind on the first page, before "all N press releases".
PER_KIND = 3


def _in_reader_language(hits: list[services.Hit]) -> list[services.Hit]:
    """Each hit's address in the language of the results page: an entry keeps
    the address it was indexed under, in whichever language that was."""
    language = get_language()
    return [dataclasses.replace(hit, url=url_in(hit.url, language)) for hit in hits]


class QueryField(forms.CharField):
    """Text as typed, less what no search can use: control characters, NULs,
    unpaired surrogates and runs of spaces."""

    def to_python(self, value):
        return services.clean_text(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label=gettext_lazy("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": gettext_lazy(
                "Search for at most %(limit_value)d characters "
                "(this search has %(show_value)d)."
            )
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Show"),
        widget=QuickSelect,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("There is no such kind of result.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", gettext("All results"))] + [
            (source.kind, source.label) for source in sources()
        ]


class SearchView(PageMetaMixin, TemplateView):
    """Published content matching the reader's words, grouped by kind.

    Without a kind: the best few of each kind and their counts. With a kind: all
    its matches, best first, paginated.
    """

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET or None)
        found = {"form": form, "query": ""}
        status = 200
        if form.is_bound and not form.is_valid():
            status = 400
        elif form.is_bound:
            query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
            searchable = bool(services.terms(query))
            found.update(query=query, kind=kind, searchable=searchable)
            if searchable:
                found.update(self.results(query, kind))
        context = self.get_context_data(**found, **kwargs)
        return self.render_to_response(context, status=status)

    def get_page_meta(self, context) -> PageMeta:
        search = pgettext("heading", "Search")
        title = search
        if query := context["query"]:
            title = gettext("Search results for “%(query)s”") % {
                "query": shorten(query, 60)
            }
            if kind_label := context.get("kind_label"):
                title = f"{title}: {lower_first(str(kind_label))}"
        return PageMeta(
            title,
            gettext(
                "Search the press releases, partnerships, partner cities, city "
                "pages and key figures of the City of Almere."
            ),
            crumbs=[Crumb(search, reverse("search:results"))],
            # Results pages are for readers, not for search engines' indexes.
            noindex=True,
        )

    def results(self, query: str, kind: str) -> dict:
        found = services.search(query)
        counts = found.counts
        results = {
            "counts": counts,
            "total": found,
            "max_results": services.MAX_RESULTS,
        }
        if kind:
            paginator = Paginator(found.of_kind(kind), PAGE_SIZE)
            try:
                page = paginator.page(self.request.GET.get("page") or 1)
            except InvalidPage as error:
                raise Http404(str(error)) from error
            results["page_obj"] = page
            results["hits"] = _in_reader_language(
                services.hits(list(page.object_list), query)
            )
            results["kind_label"] = source_for(kind).label
            results["kind_count"] = next((c for c in counts if c.kind == kind), None)
            return results
        best = _in_reader_language(services.hits(found.best(PER_KIND), query))
        # The kind of the best match first, and so on.
        first_seen = {}
        for position, hit in enumerate(best):
            first_seen.setdefault(hit.kind, position)
        results["groups"] = [
            {"kind": count, "hits": [hit for hit in best if hit.kind == count.kind]}
            for count in sorted(counts, key=lambda c: first_seen.get(c.kind, len(best)))
        ]
        return results
