"""The search results page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from search.backends import Results
from search.forms import SearchForm, cleaned_query
from search.normalise import query_terms

RESULTS_PER_PAGE = 20


@require_safe
def results(request):
    """Search the content in the page's language; a too-long query gets a 400 page.

    Two SQL queries whatever the content (count, then one page of results); none without words.
    """
    query = cleaned_query(request.GET)
    if query is None:
        form = SearchForm(request.GET)
        form.is_valid()  # fills form.errors, which the page shows
        context = {"form": form, "query": "", "page_obj": None}
        return render(request, "search/results.html", context, status=400)
    terms = query_terms(query)
    context = {"form": None, "query": query, "page_obj": None}
    if terms:
        found = Results(terms, get_language())
        context["page_obj"] = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/results.html", context)
