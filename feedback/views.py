"""Receive "Is this page useful?" answers; a plain form that needs no JavaScript."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from feedback import ratelimit
from feedback.forms import FeedbackForm


@require_http_methods(["GET", "POST"])
def submit(request):
    """GET: the form on its own page. POST: store the answer, or show the form with what to fix."""
    if request.method == "GET":
        form = FeedbackForm(initial={"page": _page_from_query(request)})
        return render(request, "feedback/form_page.html", {"form": form})
    form = FeedbackForm(request.POST)
    if not ratelimit.allow(request):
        return render(
            request, "feedback/form_page.html", {"form": form, "rate_limited": True}, status=429
        )
    if not form.is_valid():
        return render(request, "feedback/form_page.html", {"form": form}, status=400)
    feedback = form.save(commit=False)
    feedback.language = request.LANGUAGE_CODE
    feedback.save()
    return redirect(f"{reverse('feedback:thanks')}?{urlencode({'page': feedback.page})}")


def thanks(request):
    return render(request, "feedback/thanks.html", {"page": _page_from_query(request)})


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (usually an expired page), explained plainly."""
    return render(request, "feedback/csrf_failure.html", status=403)


def _page_from_query(request):
    """The local page the visitor came from, for the "back" link; the home page otherwise."""
    form = FeedbackForm(data={"useful": "yes", "page": request.GET.get("page", "")})
    if form.is_valid():
        return form.cleaned_data["page"]
    return reverse("departments:home")
