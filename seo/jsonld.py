"""schema.org data (JSON-LD) for directorate and department pages, in the active language.

The context names the page's language (``"@language"``), so every string is read as that
language's; a text shown in another language because it has no translation yet (what the page
shows: departments/models.py ``shown_text``) is a value object naming its own language,
``{"@value": ..., "@language": "en"}``, as the page marks it with ``lang``.
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from serving.origin import absolute

# Characters that could end the <script> element or start a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def to_script_json(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


def context():
    """schema.org, with the page's language as the language of every string."""
    return ["https://schema.org", {"@language": get_language()}]


def text(obj, field):
    """The field as the page shows it; a value object with its language when it is a fallback."""
    value, fallback = obj.shown_text(field)
    return {"@value": value, "@language": fallback} if fallback else value


def _head(unit):
    if not unit.head_name:
        return None
    return {"@type": "Person", "name": text(unit, "head_name"), "jobTitle": str(unit.head_title)}


def _organization(unit, **extra):
    data = {
        "@type": "GovernmentOrganization",
        "name": text(unit, "name"),
        "url": absolute(unit.get_absolute_url()),
    }
    if getattr(unit, "email", ""):
        data["email"] = unit.email
    if head := _head(unit):
        data["employee"] = head
    data.update(extra)
    return data


def ministry():
    """The ministry the directorates belong to."""
    return {
        "@type": "GovernmentOrganization",
        "name": gettext("Ministry of Migration and Asylum"),
        "url": settings.SEO_MINISTRY_URL,
    }


def directorate_data(directorate):
    """The directorate with its parent unit and a sub-organisation for each department."""
    parent = ministry()
    if directorate.parent_unit:
        parent = {
            "@type": "GovernmentOrganization",
            "name": text(directorate, "parent_unit"),
            "parentOrganization": parent,
        }
    return {
        "@context": context(),
        **_organization(
            directorate,
            description=text(directorate, "mission"),
            parentOrganization=parent,
            subOrganization=[_organization(d) for d in directorate.departments.all()],
        ),
    }


def department_data(department):
    """The department, with its directorate as parent organisation."""
    directorate = department.directorate
    return {
        "@context": context(),
        **_organization(
            department,
            parentOrganization={
                "@type": "GovernmentOrganization",
                "name": text(directorate, "name"),
                "url": absolute(directorate.get_absolute_url()),
            },
        ),
    }
