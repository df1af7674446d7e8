"""The directorate page's visible content in one flat template, queried with prefetching."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from departments.models import Directorate


def directorate(request, slug):
    translation.activate("el")
    directorate = get_object_or_404(Directorate.objects.for_page(), slug=slug)
    return render(request, "directorate.html", {"directorate": directorate})


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
