"""Open-data pages under /<lang>/open-data/: the guide, the CSV, vCards and the Atom feed."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, get_language_info, gettext, override
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from departments.models import Department
from opendata import caching, changes, payloads
from opendata.directory_csv import directory_csv
from opendata.vcard import department_vcard
from serving.origin import absolute
from serving.pagecache import cache_public_page


@method_decorator(cache_public_page, name="dispatch")
class OpenDataView(TemplateView):
    """The human-readable guide to the API, the downloads and the feed."""

    template_name = "opendata/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        context.update(
            api_base=absolute("/api/v1"),
            language=language,
            lang_codes=", ".join(payloads.site_languages()),
            language_files=language_files(),
            example_department=Department.objects.order_by("directorate", "order", "id")
            .select_related("directorate")
            .first(),
        )
        return context


def language_files():
    """Each site language, named in itself, with the addresses of its CSV and its feed."""
    files = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        with override(code):
            files.append(
                {
                    "code": code,
                    "name": info["name_local"],
                    "bidi": info["bidi"],
                    "csv": reverse("opendata:directory"),
                    "feed": reverse("opendata:changes"),
                }
            )
    return files


@require_safe
def directory(request):
    """directory.csv: every department of every directorate in the page's language."""
    language = get_language()
    return caching.cached_response(
        request,
        ("csv", language, request.path),
        lambda: directory_csv(payloads.departments().prefetch_related(None)),
        "text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="directory-{language}.csv"'},
    )


@require_safe
def vcard(request, directorate_slug, slug):
    """One department's contact as a vCard 4.0 file."""
    department = get_object_or_404(
        Department.objects.select_related("directorate"),
        directorate__slug=directorate_slug,
        slug=slug,
    )
    return caching.cached_response(
        request,
        ("vcard", get_language(), request.path),
        lambda: department_vcard(department),
        "text/vcard; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{department.slug}.vcf"'},
    )


def _feed_bytes():
    language = get_language()
    home = absolute(reverse("departments:home"))
    feed_url = absolute(reverse("opendata:changes"))
    entries = changes.recent_changes()
    feed = Atom1Feed(
        title=gettext("Directorate of Social Integration: content changes"),
        link=home,
        description=gettext("What changed in the directory's public content, and when."),
        language=language,
        feed_url=feed_url,
        feed_guid=feed_url,
        author_name=gettext("Ministry of Migration and Asylum"),
    )
    describer = changes.Describer(entries)
    for change in entries:
        link = absolute(describer.link(change))
        record = change.record
        feed.add_item(
            title=describer.title(change),
            link=link,
            description=describer.summary(change),
            unique_id=f"{feed_url}#{change.model._meta.model_name}-{record.history_id}",
            pubdate=change.when,
            updateddate=change.when,
        )
    return feed.writeString("utf-8").encode()


@require_safe
def changes_feed(request):
    """The Atom feed of content changes in the page's language."""
    return caching.cached_response(
        request,
        ("atom", get_language(), request.path),
        _feed_bytes,
        "application/atom+xml; charset=utf-8",
    )
