"""The translation coverage page (Admin → Translation coverage): for each language, how many
fields are translated, missing or outdated, and how many items are not yet reviewed, with links
to the lists filtered on each.

One query per content model, whatever the number of items and languages
(departments/translation_status.coverage).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from departments import translation_status as status
from departments.models import Competence, Department, Directorate, ViberCommunity
from staff.translation_admin import language_name

MODELS = (Directorate, Department, Competence, ViberCommunity)
COUNTED = (status.TRANSLATED, status.MISSING, status.OUTDATED)


def _viewable(request, admin_site):
    """The content admins whose lists the user may view."""
    return [
        admin_site._registry[model]
        for model in MODELS
        if model in admin_site._registry
        and admin_site._registry[model].has_view_permission(request)
    ]


def may_view_coverage(request, admin_site):
    return bool(_viewable(request, admin_site))


def coverage_view(request, admin_site):
    """The page, for staff who may view the content (each list they may view)."""
    admins = _viewable(request, admin_site)
    if not admins:
        raise PermissionDenied
    codes = status.target_languages()
    counted = {
        model_admin.model: status.coverage(model_admin.model._base_manager.all(), codes)
        for model_admin in admins
    }
    languages = []
    for code in codes:
        rows = [_row(model_admin, code, counted[model_admin.model][code]) for model_admin in admins]
        languages.append(
            {
                "code": code,
                "name": language_name(code),
                "rows": rows,
                "total": _total(rows),
            }
        )
    context = {
        **admin_site.each_context(request),
        "title": _("Translation coverage"),
        "languages": languages,
    }
    return render(request, "admin/staff/translation_coverage.html", context)


def _row(model_admin, code, counts):
    opts = model_admin.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    parameter = f"translation_{code}"
    return {
        "label": str(opts.verbose_name_plural).capitalize(),
        "cells": _cells(counts, lambda state: f"{changelist}?{parameter}={state}"),
        "unreviewed": counts[status.UNREVIEWED],
        "unreviewed_url": f"{changelist}?{parameter}={status.UNREVIEWED}",
    }


def _cells(counts, link=None):
    """Each counted status with its share of the fields that have something to translate."""
    fields = sum(counts[state] for state in COUNTED)
    return [
        {
            "status": state,
            "count": counts[state],
            # Rounded down: 99.6% translated is not "100%".
            "percent": counts[state] * 100 // fields if fields else 0,
            # The lists hold what is left to do; a complete item needs no link from here.
            "url": link(state) if link and counts[state] and state != status.TRANSLATED else "",
        }
        for state in COUNTED
    ]


def _total(rows):
    counts = {
        state: sum(
            cell["count"] for row in rows for cell in row["cells"] if cell["status"] == state
        )
        for state in COUNTED
    }
    return {
        "cells": _cells(counts),
        "unreviewed": sum(row["unreviewed"] for row in rows),
    }
