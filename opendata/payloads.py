"""The API's JSON payloads (the directory in one language or in both) and their querysets.

Single-language documents show what the pages show in that language (English falls back to
Greek where a field has no translation). ``lang=all`` puts the Greek and the English document
side by side under ``data.el`` and ``data.en``, so every item keeps one shape.
"""

from django.urls import reverse
from django.utils import translation

from departments.models import Department, Directorate
from serving.origin import absolute

LANGUAGES = ("el", "en")


def _text(value):
    """Optional text fields are ``null`` when empty, never ``""``."""
    return str(value) if value else None


def head(obj):
    if not obj.head_name:
        return None
    return {"name": str(obj.head_name), "title": str(obj.head_title)}


def competence_document(competence):
    return {"id": competence.pk, "order": competence.order, "text": str(competence.text)}


def department_document(department):
    """One department in the active language, with its head, email and ordered competences."""
    directorate = department.directorate
    return {
        "id": department.pk,
        "slug": department.slug,
        "order": department.order,
        "name": str(department.name),
        "directorate": {
            "id": directorate.pk,
            "slug": directorate.slug,
            "name": str(directorate.name),
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
    }


def directorate_document(directorate):
    """One directorate in the active language, with its departments in display order."""
    return {
        "id": directorate.pk,
        "slug": directorate.slug,
        "name": str(directorate.name),
        "section": _text(directorate.section),
        "parent_unit": _text(directorate.parent_unit),
        "mission": str(directorate.mission),
        "legal_basis": _text(directorate.legal_basis),
        "legal_basis_url": directorate.legal_basis_url or None,
        "head": head(directorate),
        "url": absolute(directorate.get_absolute_url()),
        "api_url": absolute(reverse("opendata_api:directorate", kwargs={"slug": directorate.slug})),
        "updated_at": directorate.updated_at.isoformat(),
        "departments": [department_document(d) for d in directorate.departments.all()],
    }


def in_language(lang, render):
    """``{"lang": ..., "data": ...}`` with ``render()`` run in one language, or in each."""
    if lang == "all":
        data = {}
        for code in LANGUAGES:
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
