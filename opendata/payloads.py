"""The API's JSON payloads (the directory in one language or in all) and their querysets.

A single-language document shows what the pages show in that language: where a text has no
translation, the text the page shows in its place (the English, then the Greek; the Greek on
English pages: departments/models.py ``shown_text``). Every object with translated texts says
which language each one is in, under ``text_languages``, so a reuser can mark a fallback with
its own language as the pages do. ``lang=all`` puts one document per site language side by
side under ``data.<code>``, so every item keeps one shape.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from departments.models import Department, Directorate
from serving.origin import absolute


def site_languages():
    """The codes of the site's languages, in settings.LANGUAGES order (Greek first)."""
    return [code for code, _name in settings.LANGUAGES]


def lang_values():
    """What the API's ``lang`` parameter accepts: every site language's code, then "all"."""
    return [*site_languages(), "all"]


def texts(obj, *fields):
    """The translated ``fields`` as the page shows them, and the language each one is in.

    Returns ``(values, languages)``: an empty optional text is ``None`` (``null``, never
    ``""``) and has no language.
    """
    language = translation.get_language()
    values, languages = {}, {}
    for field in fields:
        text, fallback = obj.shown_text(field)
        values[field] = str(text) if text else None
        if text:
            languages[field] = fallback or language
    return values, languages


def head(obj):
    if not obj.head_name:
        return None
    values, languages = texts(obj, "head_name")
    return {
        "name": values["head_name"],
        "title": str(obj.head_title),
        "text_languages": {"name": languages["head_name"]},
    }


def competence_document(competence):
    values, languages = texts(competence, "text")
    return {
        "id": competence.pk,
        "order": competence.order,
        "text": values["text"],
        "text_languages": languages,
    }


def department_document(department):
    """One department in the active language, with its head, email and ordered competences."""
    directorate = department.directorate
    values, languages = texts(department, "name")
    directorate_values, directorate_languages = texts(directorate, "name")
    return {
        "id": department.pk,
        "slug": department.slug,
        "order": department.order,
        "name": values["name"],
        "directorate": {
            "id": directorate.pk,
            "slug": directorate.slug,
            "name": directorate_values["name"],
            "text_languages": directorate_languages,
        },
        "head": head(department),
        "email": department.email or None,
        "url": absolute(department.get_absolute_url()),
        "api_url": absolute(reverse("opendata_api:department", kwargs={"pk": department.pk})),
        "vcard_url": absolute(
            reverse(
                "opendata:vcard",
                kwargs={"directorate_slug": directorate.slug, "slug": department.slug},
            )
        ),
        "updated_at": department.updated_at.isoformat(),
        "competences": [competence_document(c) for c in department.competences.all()],
        "text_languages": languages,
    }


def directorate_document(directorate):
    """One directorate in the active language, with its departments in display order."""
    values, languages = texts(
        directorate, "name", "section", "parent_unit", "mission", "legal_basis"
    )
    return {
        "id": directorate.pk,
        "slug": directorate.slug,
        **values,
        "legal_basis_url": directorate.legal_basis_url or None,
        "head": head(directorate),
        "url": absolute(directorate.get_absolute_url()),
        "api_url": absolute(reverse("opendata_api:directorate", kwargs={"slug": directorate.slug})),
        "updated_at": directorate.updated_at.isoformat(),
        "departments": [department_document(d) for d in directorate.departments.all()],
        "text_languages": languages,
    }


def in_language(lang, render):
    """``{"lang": ..., "data": ...}`` with ``render()`` run in one language, or in each."""
    if lang == "all":
        data = {}
        for code in site_languages():
            with translation.override(code):
                data[code] = render()
        return {"lang": lang, "data": data}
    with translation.override(lang):
        return {"lang": lang, "data": render()}


def directorates():
    return Directorate.objects.for_page()


def departments():
    """Every department, grouped by directorate in display order, with its competences.

    directory.csv lists the same rows, in the same order.
    """
    return (
        Department.objects.for_page()
        .select_related("directorate")
        .order_by("directorate__order", "directorate_id", "order", "id")
    )
