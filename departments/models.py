"""The Directorate's content: directorates, their departments and competences, the Viber block.

Every human-readable field is translated with django-modeltranslation (see translation.py);
Greek is the source and fallback language.
"""

from functools import cache, lru_cache

import segno
from django.conf import settings
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, resolution_order

from departments.translation_status import flag_outdated, translated_fields


class Gender(models.TextChoices):
    """Greek job titles agree with the holder's grammatical gender."""

    FEMALE = "female", _("female")
    MALE = "male", _("male")


# Greek: Προϊσταμένη / Προϊστάμενος; English: "Head" of a department for both.
HEAD_TITLES = {
    Gender.FEMALE: pgettext_lazy("title of a woman heading a unit", "Head"),
    Gender.MALE: pgettext_lazy("title of a man heading a unit", "Head"),
}
# The head of a directorate: the same Greek titles, but "Director" in English ("Head" next to
# "Coordinated by: General Directorate…" read as if it belonged to the General Directorate).
DIRECTOR_TITLES = {
    Gender.FEMALE: pgettext_lazy("title of a woman heading a directorate", "Director"),
    Gender.MALE: pgettext_lazy("title of a man heading a directorate", "Director"),
}


class Timestamped(models.Model):
    """When the object was created and last saved."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A version number for optimistic locking (staff/locking.py).

    Every save increments it, and an admin form whose hidden version is no longer current is
    refused instead of overwriting someone's edit.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save as a new version."""
        if not self._state.adding:
            self.version = (self.version or 0) + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class TranslationTracked(models.Model):
    """Which translations fell behind the Greek (departments/translation_status.py).

    ``outdated_translations`` names, per language, the translated fields whose Greek changed
    after that language's text was written: the text is shown but flagged in the admin until
    someone updates or confirms it. What was loaded is kept so that a save can tell which Greek
    texts changed.
    """

    outdated_translations = models.JSONField(
        _("outdated translations"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, flagging the translations that the Greek edit may have outdated."""
        flag_outdated(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "outdated_translations"}
        super().save(*args, **kwargs)
        self._loaded_values = {
            f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields
        }

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What was loaded, so that save() can tell which Greek texts changed (no extra query).
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance


class TranslationReviewed(models.Model):
    """Which languages' translations of this object the Directorate has not yet reviewed.

    Translations we made ourselves (the seed's) or imported are published as "not yet reviewed
    by the Directorate"; a page in such a language says so in its notice until staff mark the
    language reviewed for the object.
    """

    unreviewed_languages = models.JSONField(
        _("translations not yet reviewed"), default=list, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def translation_reviewed(self, language):
        """Whether this object's ``language`` translation is not marked as unreviewed."""
        return language not in (self.unreviewed_languages or ())


class TranslatedContent(Timestamped, Versioned, TranslationTracked, TranslationReviewed):
    """The base of the content models: what every one of them carries.

    - timestamps (``created_at``, ``updated_at``; ``Timestamped``);
    - a version for optimistic locking (``version``; ``Versioned``);
    - the translations outdated by a Greek edit (``outdated_translations``; ``TranslationTracked``);
    - the languages whose translation is not yet reviewed (``TranslationReviewed``);
    - which language each translated field is shown in (``shown_language``), and whether that
      is Greek instead of the page's language (``fallback_language``).

    A save increments the version, then flags translations that the Greek edit may have outdated.
    """

    class Meta:
        abstract = True

    def shown_language(self, field_name, language=None):
        """Return the language code the field's value is displayed in for the active language.

        That is the active language unless its translation is empty and modeltranslation falls
        back to Greek, in which case the page must mark the passage ``lang="el"``.
        ``language`` is the active language's base code when the caller already has it.
        """
        if language is None:
            language = page_language()
        if field_name not in _translated_fields(type(self)):
            return language
        for code in _shown_chain(language):
            if _localized_value(self, field_name, code):
                return code
        return "el"

    def shown_text(self, field_name, language=None):
        """The translated field as the page shows it: ``(text, fallback_language)``.

        The active language's text, or its first non-empty fallback (modeltranslation's rule,
        settings.MODELTRANSLATION_FALLBACK_LANGUAGES, as ``shown_language`` reads it), read from
        the row's columns in one step: for lists that show dozens of items (the competences).
        ``language`` is the active language's base code when the caller already has it.
        """
        if language is None:
            language = page_language()
        chain = _shown_chain(language)
        for code in chain:
            text = _localized_value(self, field_name, code)
            if text:
                return text, "" if code == language else code
        return _localized_value(self, field_name, "el"), "" if language == "el" else "el"

    def fallback_language(self, field_name):
        """The language the field is shown in when it is not the page's ("el"), else "".

        What a page puts in the passage's ``lang`` attribute: only Greek shown on a page in
        another language (an English translation left empty) needs one.
        """
        active = get_language() or "el"
        if active == "el":  # Greek is the source: a Greek page never shows another language
            return ""
        shown = self.shown_language(field_name, _base_language(active))
        return shown if shown != active else ""


# Pages ask which language each shown field is in dozens of times per render: the answers that
# only depend on the model or the language are worked out once per process.
@cache
def _translated_fields(model):
    """The names of the model's translated fields, as a set (read from the registry)."""
    return frozenset(translated_fields(model))


def page_language():
    """The active language's base code ("el" for "el-gr"); Greek when none is active."""
    return _base_language(get_language())


@lru_cache(maxsize=64)
def _base_language(code):
    """``code`` without its region ("el" for "el-gr"); "el" when no language is active."""
    return (code or "el").split("-")[0]


@lru_cache(maxsize=64)
def _shown_chain(language):
    """The languages a field is looked up in for a page in ``language``, in order."""
    return resolution_order(language)


@lru_cache(maxsize=256)
def _localized_name(field_name, language):
    return build_localized_fieldname(field_name, language)


def _localized_value(obj, field_name, language):
    """The value of the field's column for ``language`` (``name_en``), without a descriptor."""
    name = _localized_name(field_name, language)
    values = obj.__dict__
    return values[name] if name in values else getattr(obj, name, None)


def shown_languages_only(queryset):
    """``queryset`` without the translated columns a page in the active language never shows.

    A public page reads each text in its language and the languages it falls back to (Greek, or
    English then Greek): with seven languages, the other columns are most of each row, which
    the database sends and Python decodes for nothing; ``outdated_translations`` is for staff.
    Only for the public pages' own querysets: the search index, the open data and the preview
    read every language (``for_page()`` alone).
    """
    language = page_language()
    return queryset.defer(*_unshown_columns(queryset.model, language))


@lru_cache(maxsize=64)
def _unshown_columns(model, language):
    shown = {language, settings.LANGUAGE_CODE, *_shown_chain(language)}
    return (
        *(
            _localized_name(field, code)
            for field in sorted(_translated_fields(model))
            for code in AVAILABLE_LANGUAGES
            if code not in shown
        ),
        "outdated_translations",
    )


@lru_cache(maxsize=4096)
def _reverse(viewname, kwargs, language, prefix, urlconf):
    with override(language):
        return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def cached_reverse(viewname, **kwargs):
    """``reverse(viewname, kwargs=kwargs)``, remembered per language, script prefix and URLconf.

    Pages link every unit several times (headings, breadcrumbs, JSON-LD); the URL only depends
    on these and on the arguments, all part of the key.
    """
    return reverse_in(get_language(), viewname, **kwargs)


def reverse_in(language, viewname, /, **kwargs):
    """``cached_reverse`` for ``language``: the URL as ``override(language)`` would reverse it.

    The language switcher and the ``hreflang`` links name the page in every language: only the
    first reverse per language and arguments activates it. Positional-only: a URL may itself
    have a ``language`` argument (the draft preview's).
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(viewname, tuple(kwargs.items()), language, get_script_prefix(), urlconf)


def _crumb(obj, field_name, url=""):
    return {
        "label": getattr(obj, field_name),
        "url": url,
        "lang": obj.fallback_language(field_name),
    }


class HeadedUnit(TranslatedContent):
    """A unit with a head: the head's name, gender and title (from ``head_titles``).

    Each unit declares its ``head_name`` and ``head_gender`` with ``head_fields()`` where they
    belong among its own fields: a field declared here would come first in the unit's admin form
    and its translated fields, before its slug and name.
    """

    # The head's title by gender: "Head" for a department, "Director" for a directorate.
    head_titles = HEAD_TITLES

    class Meta:
        abstract = True

    @staticmethod
    def head_fields():
        """The ``head_name`` and ``head_gender`` fields, in that order."""
        return (
            models.CharField(_("head's name"), max_length=200, blank=True),
            models.CharField(
                _("head's gender (for the Greek title)"),
                max_length=6,
                choices=Gender.choices,
                default=Gender.FEMALE,
            ),
        )

    @property
    def head_title(self):
        return self.head_titles[self.head_gender]

    def get_head_url(self):
        """Where the pages name the head."""
        raise NotImplementedError


class DirectorateQuerySet(models.QuerySet):
    def for_page(self, shown_only=False):
        """Directorates with their departments and competences in three queries.

        ``shown_only``: each reads only the columns a public page in the active language shows
        (``shown_languages_only``).
        """
        directorates = shown_languages_only(self) if shown_only else self
        return directorates.prefetch_related(
            Prefetch("departments", queryset=Department.objects.for_page(shown_only)),
        )


class Directorate(HeadedUnit):
    slug = models.SlugField(_("URL slug"), max_length=80, unique=True)
    order = models.PositiveIntegerField(_("display order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_genitive = models.CharField(
        _("name after “of the”"),
        max_length=200,
        blank=True,
        help_text=_(
            "The name as it reads after “of the” (in Greek, in the genitive case), used in the "
            "head's sentence and the departments heading. Leave empty to use the name."
        ),
    )
    section = models.CharField(
        _("section"),
        max_length=200,
        blank=True,
        help_text=_("The part of the ministry's site the directorate sits under (breadcrumb)."),
    )
    parent_unit = models.CharField(_("parent unit"), max_length=200, blank=True)
    mission = models.TextField(_("mission"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    legal_basis_url = models.URLField(_("legal basis link"), blank=True)
    head_name, head_gender = HeadedUnit.head_fields()

    head_titles = DIRECTOR_TITLES

    objects = DirectorateQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("directorate")
        verbose_name_plural = _("directorates")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("departments:directorate", slug=self.slug)

    def load_page_relations(self):
        """Fetch the departments and competences as ``for_page()`` does, unless already fetched.

        The page's view reads the directorate alone: the parts of the page that show its
        departments are stored fragments, so only a render that has to build one of them (after a
        save) pays the two queries. Each fragment of the page asks: only the first builds queries.
        """
        if "departments" in getattr(self, "_prefetched_objects_cache", {}):
            return
        departments = Department.objects.for_page(shown_only=True)
        prefetch_related_objects([self], Prefetch("departments", queryset=departments))

    # Fragment identifiers on the directorate page: readable and stable, for links people keep.
    head_anchor = "director"
    contact_anchor = "contact"

    def get_head_url(self):
        """The sentence naming the head, on the directorate page."""
        return f"{self.get_absolute_url()}#{self.head_anchor}"

    @property
    def name_after_of(self):
        """The name as it reads after "of the" in the active language (Greek: genitive)."""
        return _localized_value(self, "name_genitive", page_language()) or self.name

    def shown_language(self, field_name, language=None):
        if field_name == "name_after_of":
            if language is None:
                language = page_language()
            if _localized_value(self, "name_genitive", language):
                return language
            field_name = "name"
        return super().shown_language(field_name, language)

    @property
    def breadcrumb(self):
        """The trail above and including this page: its section, then the directorate."""
        crumbs = []
        if self.section:
            crumbs.append(_crumb(self, "section"))
        crumbs.append(_crumb(self, "name", self.get_absolute_url()))
        return crumbs


class DepartmentQuerySet(models.QuerySet):
    def for_page(self, shown_only=False):
        """Departments in display order with their competences prefetched in order.

        ``shown_only``: both read only the columns a public page in the active language shows
        (``shown_languages_only``).
        """
        departments = self.order_by("order", "id")
        competences = Competence.objects.order_by("order", "id")
        if shown_only:
            departments = shown_languages_only(departments)
            competences = shown_languages_only(competences)
        return departments.prefetch_related(Prefetch("competences", queryset=competences))


class Department(HeadedUnit):
    directorate = models.ForeignKey(
        Directorate,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("directorate"),
    )
    order = models.PositiveIntegerField(_("display order"), default=0)
    slug = models.SlugField(
        _("URL slug"),
        max_length=80,
        help_text=_("Part of the page's address; changing it breaks existing links."),
    )
    name = models.CharField(_("name"), max_length=200)
    head_name, head_gender = HeadedUnit.head_fields()
    email = models.EmailField(_("contact email"), blank=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["directorate", "order", "id"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["directorate", "slug"], name="department_slug_unique_in_directorate"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse(
            "departments:department", directorate_slug=self.directorate.slug, slug=self.slug
        )

    @property
    def section_anchor(self):
        """The department's heading on the directorate page (``#dept-<slug>``)."""
        return f"dept-{self.slug}"

    @property
    def contact_anchor(self):
        """The department's contact line (head, email, vCard) on the directorate page."""
        return f"dept-{self.slug}-contact"

    def get_contact_url(self):
        return f"{self.directorate.get_absolute_url()}#{self.contact_anchor}"

    def get_head_url(self):
        """The contact line naming the head, under the department's heading."""
        return self.get_contact_url()

    @property
    def breadcrumb(self):
        return [*self.directorate.breadcrumb, _crumb(self, "name", self.get_absolute_url())]


class Competence(TranslatedContent):
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("department"),
    )
    order = models.PositiveIntegerField(_("display order"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["department", "order", "id"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return f"{self.department.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        """The competence's fragment identifier (``competence-<pk>``), a string.

        Pages print it as is: an integer would go through number localisation on every render.
        """
        return f"competence-{self.pk}"


class ViberCommunityQuerySet(models.QuerySet):
    def current(self):
        """The block shown on the site: the first one, if staff have kept one."""
        return self.order_by("id").first()


class ViberCommunity(TranslatedContent):
    """The ministry's Viber community invitation shown on the pages (site-wide content)."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    link = models.URLField(_("link"))

    objects = ViberCommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Viber community")
        verbose_name_plural = _("Viber community")

    def __str__(self):
        return self.title

    def qr_svg(self):
        """The link as a QR code, inline SVG generated on the server (no remote image)."""
        return _qr_svg(self.link, gettext("QR code: %(link)s") % {"link": self.link})


# Drawing the code is most of a page's cold render and depends only on the link and its title:
# drawn once per process for each (a save that leaves the link alone does not draw it again).
@lru_cache(maxsize=16)
def _qr_svg(link, title):
    code = segno.make(link, error="m")
    svg = code.svg_inline(
        scale=4, dark="#0b0c0c", light="#ffffff", title=title, svgclass="qr-code", omitsize=False
    )
    # segno escapes the link and title; the SVG is safe to embed as markup.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


class SeedRecord(models.Model):
    """What the seed last wrote to one object, so that reseeding never overwrites staff edits."""

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    values_hash = models.CharField(max_length=64)
    seeded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("seed record")
        verbose_name_plural = _("seed records")

    def __str__(self):
        return self.key


# The drafts of the content live in their own module; imported here so Django finds them.
from departments.drafts import Draft, DraftEvent  # noqa: E402, F401
