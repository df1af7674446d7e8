"""Receive "Is this page useful?" answers; a plain form that needs no JavaScript."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from feedback import ratelimit
from feedback.forms import FeedbackForm
from feedback.models import COMMENT_MAX_LENGTH


@require_http_methods(["GET", "POST"])
def submit(request):
    """GET: the form, with the answer given at the page's foot. POST: store it, or say what to fix.

    Every page's foot asks with a GET form (no token, so pages stay cacheable); only this page
    carries the CSRF token and stores anything.
    """
    if request.method == "GET":
        answer = request.GET.get("useful")
        initial = {"page": _page_from_query(request), "useful": answer}
        return _form_page(request, FeedbackForm(initial=initial))
    form = FeedbackForm(request.POST)
    if not ratelimit.allow(request):
        return _form_page(request, form, rate_limited=True, status=429)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    feedback = form.save(commit=False)
    feedback.language = request.LANGUAGE_CODE
    feedback.save()
    return redirect(f"{reverse('feedback:thanks')}?{urlencode({'page': feedback.page})}")


def _form_page(request, form, rate_limited=False, status=200):
    context = {"form": form, "rate_limited": rate_limited, "comment_limit": COMMENT_MAX_LENGTH}
    return render(request, "feedback/form_page.html", context, status=status)


def thanks(request):
    return render(request, "feedback/thanks.html", {"page": _page_from_query(request)})


def _page_from_query(request):
    """The local page the visitor came from, for the "back" link; the home page otherwise."""
    form = FeedbackForm(data={"useful": "yes", "page": request.GET.get("page", "")})
    if form.is_valid():
        return form.cleaned_data["page"]
    return reverse("departments:home")
