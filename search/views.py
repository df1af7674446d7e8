"""The search results page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from search.backends import Results
from search.forms import SearchForm
from search.normalise import query_terms

RESULTS_PER_PAGE = 20


@require_safe
def results(request):
    """Search the content in the page's language; a too-long query gets a 400 page.

    Two SQL queries whatever the content (count, then one page of results); none without words.
    """
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "page_obj": None}
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    query = form.cleaned_data["q"]
    terms = query_terms(query)
    context["query"] = query
    if terms:
        found = Results(terms, get_language())
        context["page_obj"] = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/results.html", context)
