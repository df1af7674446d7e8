"""The search results page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from search.backends import add_snippets
from search.forms import SearchForm
from search.models import SearchEntry
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
        entries = SearchEntry.objects.search(terms, get_language())
        page_obj = Paginator(entries, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        add_snippets(page_obj.object_list, terms)
        context["page_obj"] = page_obj
    return render(request, "search/results.html", context)
