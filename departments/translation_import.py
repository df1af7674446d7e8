"""Importing a translator's XLIFF file: checked whole first, then one draft per object.

The order of things, so that a bad file never changes anything and a good one goes through the
same editorial workflow as a change typed into the admin (departments/publishing.py):

1. ``check``: the file is XLIFF 1.2, its target language is a site language other than Greek,
   every unit id names a translated field of an object that exists, and the user may save
   drafts (and publish, if asked). Any failure raises XliffError: nothing is written.
2. Per object (a competence's units go to its department's draft, where competences are
   edited), each unit is decided: *refused* when its Greek source is no longer the Greek
   published (or the Greek the object's open draft holds): the translation is of an old text;
   *skipped* when its target is empty or already the text; else *imported*.
3. The imported units of an object become one draft through ``publishing.save_draft``, added to
   the object's open draft when there is one (the rules decide whether the user may); the
   workflow's refusal refuses that object's units, with its reason, and the others go on.
   ``publish=True`` publishes the new drafts through ``publishing.publish`` (approval off only);
   a draft someone else had opened is left for them, since it holds their changes too.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from departments import publishing, snapshots, translation_status, translation_units
from departments.models import Competence, Department
from departments.translation_units import SOURCE_LANGUAGE, parse_unit_id
from departments.xliff import XliffError, read


@dataclass
class ImportReport:
    """What an import did, unit by unit (each entry: (unit id, where, reason))."""

    language: str = ""
    imported: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    drafts: list = field(default_factory=list)  # the drafts saved
    published: list = field(default_factory=list)  # the drafts published
    not_published: list = field(default_factory=list)  # (draft, why) with publish=True

    def lines(self):
        """The report as lines of text (the command prints them, the admin page lists them)."""
        lines = [
            _(
                "%(imported)d units imported, %(skipped)d skipped, %(refused)d refused; "
                "%(drafts)d drafts saved, %(published)d published."
            )
            % {
                "imported": len(self.imported),
                "skipped": len(self.skipped),
                "refused": len(self.refused),
                "drafts": len(self.drafts),
                "published": len(self.published),
            }
        ]
        for draft in self.drafts:
            lines.append(
                _("Draft #%(id)d: %(item)s (%(status)s)")
                % {"id": draft.pk, "item": draft.object_label, "status": draft.get_status_display()}
            )
        for draft, reason in self.not_published:
            lines.append(
                _("Draft #%(id)d not published: %(reason)s") % {"id": draft.pk, "reason": reason}
            )
        for unit_id, _where, reason in self.refused:
            lines.append(_("Refused %(id)s: %(reason)s") % {"id": unit_id, "reason": reason})
        for unit_id, _where, reason in self.skipped:
            lines.append(_("Skipped %(id)s: %(reason)s") % {"id": unit_id, "reason": reason})
        return lines


@dataclass(frozen=True)
class CheckedFile:
    language: str
    units: list  # (ReadUnit, UnitKey, object)


def check(data, user, publish=False):
    """The file's units with their objects; raises XliffError when nothing may be imported."""
    parsed = read(data)
    languages = translation_status.target_languages()
    if parsed.target_language not in languages:
        raise XliffError(
            _("The target language %(found)s is not one the site translates into (%(codes)s).")
            % {"found": parsed.target_language, "codes": ", ".join(languages)}
        )
    keys = [(unit, parse_unit_id(unit.id)) for unit in parsed.units]
    unknown = [unit.id for unit, key in keys if key is None]
    wanted = defaultdict(set)
    for _unit, key in keys:
        if key is not None:
            wanted[key.model].add(key.pk)
    found = {model: _objects(model).in_bulk(pks) for model, pks in wanted.items()}
    unknown += [unit.id for unit, key in keys if key and key.pk not in found[key.model]]
    if unknown:
        raise XliffError(
            _("Unknown unit ids (nothing was imported): %(ids)s")
            % {"ids": ", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "")}
        )
    if not user.is_active or not user.is_staff:
        raise XliffError(_("Only an active staff member may import translations."))
    owners = {Department if key.model is Competence else key.model for _unit, key in keys}
    for model in owners:
        if not publishing.role_may(user, publishing.SAVE, model):
            raise XliffError(_("You may not save drafts of this content."))
        if publish and not publishing.may_save_and_publish(user, model):
            raise XliffError(
                _("You may not publish your own changes (approval is required): import as drafts.")
            )
    return CheckedFile(
        parsed.target_language,
        [(unit, key, found[key.model][key.pk]) for unit, key in keys],
    )


def _objects(model):
    objects = model._base_manager.all()
    return objects.select_related("department") if model is Competence else objects


def import_translations(data, user, publish=False):
    """Check the file, then import it (module docstring); return an ImportReport."""
    checked = check(data, user, publish)
    report = ImportReport(language=checked.language)
    by_owner = defaultdict(list)
    for unit, key, obj in checked.units:
        owner = obj.department if isinstance(obj, Competence) else obj
        by_owner[(type(owner), owner.pk)].append((unit, key, obj))
    for entries in by_owner.values():
        _import_object(entries, checked.language, user, publish, report)
    return report


def _where(obj, key):
    return translation_units.where(obj, key.field)[1]


def _normalised(text):
    return (text or "").replace("\r\n", "\n")


def _import_object(entries, language, user, publish, report):
    first_obj = entries[0][2]
    owner = first_obj.department if isinstance(first_obj, Competence) else first_obj
    draft = publishing.open_draft(owner)
    data = draft.data if draft is not None else snapshots.snapshot(owner)
    data = {**data, "fields": dict(data["fields"])}
    items = {}
    if "competences" in data:
        data["competences"] = [dict(item) for item in data["competences"]]
        items = {item["id"]: item for item in data["competences"] if item["id"] is not None}
    changed = []
    for unit, key, obj in entries:
        where = _where(obj, key)
        values = items.get(obj.pk) if isinstance(obj, Competence) else data["fields"]
        if values is None:
            report.refused.append(
                (unit.id, where, _("the open draft of this department removes this competence"))
            )
            continue
        greek_name, target_name = f"{key.field}_{SOURCE_LANGUAGE}", f"{key.field}_{language}"
        published_greek = translation_units.value(obj, key.field, SOURCE_LANGUAGE)
        source = _normalised(unit.source)
        if source != _normalised(published_greek):
            report.refused.append(
                (unit.id, where, _("the Greek changed since the file was exported"))
            )
            continue
        if _normalised(values.get(greek_name)) != source:
            report.refused.append(
                (unit.id, where, _("the open draft of this item changes its Greek"))
            )
            continue
        target = _normalised(unit.target)
        if not target.strip():
            report.skipped.append((unit.id, where, _("no translation")))
            continue
        if target == _normalised(values.get(target_name)):
            report.skipped.append((unit.id, where, _("unchanged")))
            continue
        values[target_name] = target
        changed.append((unit, where))
    if not changed:
        return
    try:
        saved = publishing.save_draft(
            owner, data, user, seen_version=draft.version if draft is not None else None
        )
    except publishing.WorkflowError as error:
        report.refused.extend((unit.id, where, str(error)) for unit, where in changed)
        return
    report.drafts.append(saved)
    report.imported.extend((unit.id, where, "") for unit, where in changed)
    if not publish:
        return
    if draft is not None:
        report.not_published.append(
            (saved, _("it was already open and holds other changes: publish it from its page"))
        )
        return
    try:
        publishing.publish(saved, user, version=saved.version)
    except publishing.WorkflowError as error:
        report.not_published.append((saved, str(error)))
        return
    saved.refresh_from_db()
    report.published.append(saved)
