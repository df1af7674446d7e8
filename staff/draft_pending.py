"""The pending page's rows: every open draft with its status, authors, languages and links.

The published state each draft is compared with is loaded per model, not per draft (the
objects in one query, a department's competences in one more), so the page costs the same
number of queries whether two drafts wait or two hundred.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from departments import snapshots
from departments.models import Competence, Department
from staff import draft_diff
from staff.draft_status import status_text, user_name


@dataclass
class PendingRow:
    draft: object
    kind: str
    label: str
    status: str
    author: str
    edited_by: str
    edited_at: object
    languages: str
    outdated: bool
    review_url: str
    preview_el_url: str
    preview_en_url: str
    edit_url: str


def published_snapshots(drafts):
    """``{draft id: snapshot of what is published}`` (None when the object was deleted)."""
    ids_by_model = defaultdict(set)
    for draft in drafts:
        ids_by_model[draft.content_type.model_class()].add(draft.object_id)
    published = {}
    for model, ids in ids_by_model.items():
        objects = model._base_manager.in_bulk(ids)
        competences = defaultdict(list)
        if model is Department:
            for competence in Competence.objects.filter(department_id__in=ids).order_by(
                "order", "id"
            ):
                competences[competence.department_id].append(competence)
        for pk, obj in objects.items():
            kept = competences[pk] if model is Department else None
            published[model, pk] = snapshots.snapshot(obj, competences=kept)
    return {
        draft.pk: published.get((draft.content_type.model_class(), draft.object_id))
        for draft in drafts
    }


def _edit_url(model, object_id):
    info = model._meta.app_label, model._meta.model_name
    return reverse("admin:{}_{}_change".format(*info), args=[object_id])


def pending_rows(drafts):
    drafts = list(drafts)
    published = published_snapshots(drafts)
    result = []
    for draft in drafts:
        model = draft.content_type.model_class()
        current = published[draft.pk]
        changes = snapshots.diff(model, current, draft.data)
        result.append(
            PendingRow(
                draft=draft,
                kind=str(model._meta.verbose_name).capitalize(),
                label=draft.object_label,
                status=status_text(draft),
                author=user_name(draft.created_by),
                edited_by=user_name(draft.updated_by),
                edited_at=draft.updated_at,
                languages=draft_diff.language_names(changes),
                outdated=snapshots.versions(current) != snapshots.versions(draft.base),
                review_url=reverse("admin:departments_draft_review", args=[draft.pk]),
                preview_el_url=reverse("admin:departments_draft_preview", args=[draft.pk, "el"]),
                preview_en_url=reverse("admin:departments_draft_preview", args=[draft.pk, "en"]),
                edit_url=_edit_url(model, draft.object_id),
            )
        )
    return result
