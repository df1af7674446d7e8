"""What changed in the public content and when, read from django-simple-history's records.

Only public fields are compared and reported (a whitelist, so fields added for staff later never
leak), and nothing about who made the change is shown: not ``history_user``, and of the change
reason only the number of the draft it was published from (departments/publishing.py writes
"… draft #N …"), with whether a second member of staff approved it. Staff names are login
names, which a public feed must not hand to anyone guessing passwords. A save that changed no
public field is not news and is left out.

No text is ever taken from a history record: an entry names the object by what the site shows
*now* (its current name or text), or only by its kind once it is deleted. Text that staff
removed (personal data published by mistake, say) therefore leaves the feed with the same save
that removes it from the pages; ``staff.purge`` removes it from the history records as well.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from departments.drafts import Draft
from departments.models import Competence, Department, Directorate, ViberCommunity
from departments.translation_status import translated_fields

LIMIT = 50

# The public fields of each model, as the pages show them. Which of them are translated (one
# column per language: name_el, name_en, name_ar, ...) is read from modeltranslation's registry.
PUBLIC_FIELDS = {
    Directorate: (
        "slug",
        "order",
        "name",
        "section",
        "parent_unit",
        "mission",
        "legal_basis",
        "legal_basis_url",
        "head_name",
        "head_gender",
    ),
    Department: ("directorate_id", "slug", "order", "name", "head_name", "head_gender", "email"),
    Competence: ("department_id", "order", "text"),
    ViberCommunity: ("title", "text", "link"),
}
ACTIONS = {
    "+": _("Added – %(kind)s: %(name)s"),
    "~": _("Changed – %(kind)s: %(name)s"),
    "-": _("Removed – %(kind)s: %(name)s"),
}
# For an object that no longer exists: its last name is not shown (it may be why it was deleted).
ACTIONS_WITHOUT_NAME = {
    "+": _("Added – %(kind)s"),
    "~": _("Changed – %(kind)s"),
    "-": _("Removed – %(kind)s"),
}
# The field that names an object in a title, and the columns read for it (every language).
NAME_FIELD = {Directorate: "name", Department: "name", Competence: "text", ViberCommunity: "title"}


# The draft number in a publication's change reason (publishing.publication_reason).
DRAFT_NUMBER = re.compile(r"#(\d+)\b")


@dataclass
class Change:
    model: type
    record: object
    changed_fields: list
    when: datetime

    @property
    def draft_id(self):
        """The draft the change was published from, or None (a seed, a restore, …)."""
        match = DRAFT_NUMBER.search(self.record.history_change_reason or "")
        return int(match.group(1)) if match else None


def public_columns(model):
    """Each public field of the model with its history columns, in ``PUBLIC_FIELDS`` order.

    A translated field (modeltranslation's registry says which) has one column per language:
    an edit of any language's text is a change.
    """
    translated = set(translated_fields(model))
    return {
        field: (
            [build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES]
            if field in translated
            else [field]
        )
        for field in PUBLIC_FIELDS[model]
    }


def _changed(public, record, previous):
    if previous is None:
        return []
    return [
        field
        for field, columns in public.items()
        if any(getattr(record, column) != getattr(previous, column) for column in columns)
    ]


def _recent_changes(model):
    """The model's latest history records with the public fields each one changed.

    Two queries: the latest records, then, for each object among them, the record just before
    its oldest one in the batch (to compare it with). Records are ordered by ``history_id``,
    which only grows, so every record newer than the batch's oldest is in the batch.
    """
    history = model.history.model
    public = public_columns(model)
    columns = [
        "history_id",
        "history_date",
        "history_type",
        "history_change_reason",
        "id",
        *[column.removesuffix("_id") for names in public.values() for column in names],
    ]
    records = list(history.objects.only(*columns).order_by("-history_id")[:LIMIT])
    if not records:
        return []
    oldest = records[-1].history_id
    ids = {record.id for record in records}
    before = (
        history.objects.filter(id__in=ids, history_id__lt=oldest)
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("latest", flat=True)
    )
    earlier = {r.id: r for r in history.objects.only(*columns).filter(history_id__in=before)}
    changes = []
    for record in reversed(records):
        previous = earlier.get(record.id)
        fields = _changed(public, record, previous)
        earlier[record.id] = record
        if record.history_type == "~" and not fields:
            continue
        changes.append(Change(model, record, fields, record.history_date))
    return changes


def recent_changes():
    """The latest public changes of every content model, newest first."""
    changes = [change for model in PUBLIC_FIELDS for change in _recent_changes(model)]
    changes.sort(key=lambda change: (change.when, change.record.history_id), reverse=True)
    return changes[:LIMIT]


def _name_columns(model):
    """The naming field's column in every language: a fallback may need any of them."""
    return [
        build_localized_fieldname(NAME_FIELD[model], code)
        for code in settings.MODELTRANSLATION_LANGUAGES
    ]


class Describer:
    """Titles, summaries and links of changes in the active language."""

    def __init__(self, changes=()):
        # Links go to the live pages and titles use the live names: a few queries, not one per
        # entry (competences: only those the entries are about).
        self.directorates = {
            d.pk: d for d in Directorate.objects.only("id", "slug", *_name_columns(Directorate))
        }
        self.departments = {
            d.pk: d
            for d in Department.objects.only(
                "id", "slug", "directorate_id", *_name_columns(Department)
            )
        }
        competence_ids = {c.record.id for c in changes if c.model is Competence}
        self.live = {
            Directorate: self.directorates,
            Department: self.departments,
            # in_bulk() of no ids answers {} without a query.
            Competence: Competence.objects.only("id", *_name_columns(Competence)).in_bulk(
                competence_ids
            ),
            ViberCommunity: ViberCommunity.objects.only(
                "id", *_name_columns(ViberCommunity)
            ).in_bulk(),
        }
        # Which of the drafts the entries came from were approved (no query when none).
        draft_ids = {c.draft_id for c in changes if c.draft_id is not None}
        self.approved = (
            set(
                Draft.objects.filter(pk__in=draft_ids, approved_by__isnull=False).values_list(
                    "pk", flat=True
                )
            )
            if draft_ids
            else set()
        )

    def name(self, change):
        """The object's name as the site shows it now; None once it is deleted."""
        live = self.live[change.model].get(change.record.id)
        if live is None:
            return None
        # What the page shows in the active language: its translation or the fallback.
        text, _fallback = live.shown_text(NAME_FIELD[change.model])
        return Truncator(text).chars(80)

    def title(self, change):
        kind = str(change.model._meta.verbose_name)
        kind = kind[:1].upper() + kind[1:]
        name = self.name(change)
        if not name:
            return str(ACTIONS_WITHOUT_NAME[change.record.history_type]) % {"kind": kind}
        return str(ACTIONS[change.record.history_type]) % {"kind": kind, "name": name}

    def summary(self, change):
        return " ".join(filter(None, [self._what(change), self.provenance(change)]))

    def _what(self, change):
        record = change.record
        if record.history_type == "+":
            return gettext("New entry.")
        if record.history_type == "-":
            return gettext("The entry was removed.")
        labels = [
            str(change.model._meta.get_field(field.removesuffix("_id")).verbose_name)
            for field in change.changed_fields
        ]
        return gettext("Changed: %(fields)s.") % {"fields": ", ".join(labels)}

    def provenance(self, change):
        """How the change was published: from which draft, approved by a second person or not."""
        draft_id = change.draft_id
        if draft_id is None:
            return ""
        if draft_id in self.approved:
            return gettext(
                "Published from draft #%(id)d, approved by a second member of staff."
            ) % {"id": draft_id}
        return gettext("Published from draft #%(id)d.") % {"id": draft_id}

    def _directorate_url(self, directorate_id):
        directorate = self.directorates.get(directorate_id)
        return directorate.get_absolute_url() if directorate else None

    def _department_url(self, department_id):
        department = self.departments.get(department_id)
        directorate = department and self.directorates.get(department.directorate_id)
        if not directorate:
            return None
        return reverse(
            "departments:department",
            kwargs={"directorate_slug": directorate.slug, "slug": department.slug},
        )

    def link(self, change):
        """The page where the change can be seen (the home page when that page is gone)."""
        record = change.record
        url = None
        if change.model is Directorate and record.id in self.directorates:
            url = self.directorates[record.id].get_absolute_url()
        elif change.model is Department:
            url = self._department_url(record.id) or self._directorate_url(record.directorate_id)
        elif change.model is Competence:
            url = self._department_url(record.department_id)
            if url and record.history_type != "-":
                url += f"#competence-{record.id}"
        return url or reverse("departments:home")
