"""Test-only pages that the page cache must refuse to store (ROOT_URLCONF in some tests)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from serving.pagecache import cache_public_page

FORM = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<button>Send</button></form>'
)


@cache_public_page
def sets_a_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("preference", "1")
    return response


@cache_public_page
def with_csrf_form(request):
    return HttpResponse(FORM.render({}, request))


@cache_public_page
def plain(request):
    return HttpResponse(f"query={request.META.get('QUERY_STRING', '')}")


@cache_public_page(query_params=("page",))
def paged(request):
    return HttpResponse(f"page={request.GET.get('page', '1')}")


urlpatterns = [
    path("cookie/", sets_a_cookie),
    path("form/", with_csrf_form),
    path("plain/", plain),
    path("paged/", paged),
]
