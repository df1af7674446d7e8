"""The search index: one row per searchable item (directorate, department, head, competence)
per language, holding the text as the page in that language shows it.

The rows are derived data, kept in step with the content by signals (signals.py) and rebuilt
in full by ``manage.py rebuild_search_index``. Searching is in backends.py.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from departments.models import Competence, Department, Directorate, Gender


class SearchEntryQuerySet(models.QuerySet):
    def search(self, terms, language):
        """Entries in ``language`` matching every one of the normalised terms, best first."""
        from search.backends import search_entries

        if not terms:
            return self.none()
        return search_entries(self.filter(language=language), terms, language)


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        DIRECTORATE = "directorate", pgettext_lazy("search result kind", "Directorate")
        DEPARTMENT = "department", pgettext_lazy("search result kind", "Department")
        HEAD = "head", pgettext_lazy("search result kind", "Head")
        COMPETENCE = "competence", pgettext_lazy("search result kind", "Competence")

    # Results are ranked by kind first: a department whose name matches comes before one where
    # only a competence mentions the words.
    WEIGHTS = {
        Kind.DIRECTORATE: 4,
        Kind.DEPARTMENT: 3,
        Kind.HEAD: 2,
        Kind.COMPETENCE: 1,
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    weight = models.PositiveSmallIntegerField(_("weight"))
    language = models.CharField(_("language"), max_length=8)
    # The language the text is actually in: the English or the Greek where the page's language
    # has no translation yet (the page shows that fallback, and so does the index).
    text_language = models.CharField(_("language of the text"), max_length=8)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    # Where the item is, e.g. the department of a competence; shown, never searched.
    context = models.CharField(_("context"), max_length=300, blank=True)
    head_gender = models.CharField(max_length=6, choices=Gender.choices, blank=True)
    # The title, a newline and the body, normalised (search/normalise.py: case, accents and
    # marks, Arabic/Persian letter forms, digits): SQLite matches against this.
    normalised = models.TextField(_("normalised text"))
    # PostgreSQL only: the normalised title (weight A) and body (weight B) as a tsvector in the
    # configuration of ``text_language``, written by a trigger (migration 0004) and
    # GIN-indexed. NULL on SQLite.
    document = SearchVectorField(null=True, editable=False)
    url = models.CharField(_("link"), max_length=500)
    # The item's place on the site, so that equally relevant results follow the page order.
    position = models.CharField(max_length=40)
    # The content the entry was made from; deleting the content deletes its entries.
    directorate = models.ForeignKey(Directorate, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["language", "-weight", "position"])]

    def __str__(self):
        return f"{self.kind} [{self.language}]: {self.title[:60]}"

    @property
    def kind_label(self):
        return kind_label(self.kind, self.head_gender, self.department_id)


KIND_LABELS = dict(SearchEntry.Kind.choices)


def kind_label(kind, head_gender, department_id):
    """What a result is, e.g. "Competence"; a head's Greek title agrees with gender."""
    if kind == SearchEntry.Kind.HEAD and head_gender:
        unit = Department if department_id else Directorate
        return unit.head_titles[head_gender]
    return KIND_LABELS.get(kind, kind)
