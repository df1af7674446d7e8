"""Load the seed content from fixtures/seed/ without ever overwriting staff edits.

Each seeded object has a SeedRecord holding a hash of the values the seed last wrote. On a
later run an object is updated only if its current values still hash to that record (nobody has
edited it since) and the seed itself has changed; an object staff have edited or deleted is left
alone. Running the seed twice therefore changes nothing and creates no duplicates.

An object with an open draft (departments/drafts.py) is a staff edit in progress: the seed
leaves it alone, and a department's competences with it (its draft holds them too), so that
the draft is never based on content the seed changed under it. They are seeded on a later run,
once the draft is published (then as staff edits, kept) or discarded.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from departments.drafts import Draft
from departments.models import Competence, Department, Directorate, SeedRecord, ViberCommunity
from departments.seed_translations import (
    creation_values,
    load_seed_translations,
    read_translations,
)

DEFAULT_SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "seed"


@dataclass
class SeedReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept_staff_edits: list = field(default_factory=list)
    kept_deleted: list = field(default_factory=list)
    kept_drafts: list = field(default_factory=list)
    translated: int = 0  # objects given a seed translation (departments/seed_translations.py)

    def summary(self):
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.kept_staff_edits)} kept as edited by "
            f"staff, {len(self.kept_deleted)} left deleted by staff, {len(self.kept_drafts)} kept: "
            f"a staff edit in progress (open draft); {self.translated} given seed translations"
        )


def _translated(prefix, values):
    """{"el": a, "en": b} -> {"prefix_el": a, "prefix_en": b}."""
    return {f"{prefix}_{language}": text for language, text in values.items()}


def _hash(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def _current_values(obj, values):
    return {name: getattr(obj, name) for name in values}


class Seeder:
    def __init__(self, translations=None):
        self.report = SeedReport()
        # The seed's translations (departments/seed_translations.py), given to what it creates.
        self.translations = translations or {}
        self.drafted = set(Draft.objects.open().values_list("content_type_id", "object_id"))

    def has_open_draft(self, obj):
        return (ContentType.objects.get_for_model(type(obj)).pk, obj.pk) in self.drafted

    def apply(self, key, model, values, parent=None, adopt=None, in_draft=False):
        """Create, update or leave alone one seeded object; return it (None if staff deleted it).

        ``in_draft``: the object belongs to one with an open draft (a department's competence):
        nothing is created or changed for it on this run.
        """
        values = {**values, **(parent or {})}
        record = SeedRecord.objects.filter(key=key).first()
        if record is None and in_draft:
            self.report.kept_drafts.append(key)
            return None
        if record is None:
            obj = adopt() if adopt else None
            if obj is None:
                translated = creation_values(model, values, self.translations)
                obj = model.objects.create(**values, **translated)
                self.report.created.append(key)
                self.report.translated += bool(translated)
            else:
                # Content that already exists (typed in by staff) is adopted, never overwritten.
                self.report.kept_staff_edits.append(key)
            SeedRecord.objects.create(
                key=key,
                content_type=ContentType.objects.get_for_model(model),
                object_id=obj.pk,
                values_hash=_hash(values),
            )
            return obj

        obj = model.objects.filter(pk=record.object_id).first()
        if obj is None:
            self.report.kept_deleted.append(key)
            return None
        if in_draft or self.has_open_draft(obj):
            self.report.kept_drafts.append(key)
            return obj
        seed_hash = _hash(values)
        if seed_hash == record.values_hash:
            self.report.unchanged.append(key)
            return obj
        if _hash(_current_values(obj, values)) != record.values_hash:
            self.report.kept_staff_edits.append(key)
            return obj
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        record.values_hash = seed_hash
        record.save(update_fields=["values_hash", "seeded_at"])
        self.report.updated.append(key)
        return obj


def load_seed(path=None, translations=None):
    """Apply every seed file in the seed folder (or one file), then the seed's translations
    (fixtures/translations/, or the ``translations`` folder); return a SeedReport."""
    path = Path(path) if path else DEFAULT_SEED_DIR
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    with transaction.atomic():
        seeder = Seeder(read_translations(translations))
        for seed_file in files:
            _apply_file(seeder, json.loads(seed_file.read_text(encoding="utf-8")))
        # What existed before (an older database): its empty translations filled afterwards.
        seeder.report.translated += load_seed_translations(wanted=seeder.translations)
    return seeder.report


def _apply_file(seeder, data):
    community = data.get("viber_community")
    if community:
        seeder.apply(
            "viber-community",
            ViberCommunity,
            {
                **_translated("title", community["title"]),
                **_translated("text", community["text"]),
                "link": community["link"],
            },
        )
    for directorate_order, item in enumerate(data.get("directorates", []), start=1):
        _apply_directorate(seeder, directorate_order, item)


def _apply_directorate(seeder, order, item):
    slug = item["slug"]
    directorate = seeder.apply(
        f"directorate:{slug}",
        Directorate,
        {
            "slug": slug,
            "order": order,
            **_translated("name", item["name"]),
            # Absent from seeds written before the field existed: their hash must not change.
            **_translated("name_genitive", item.get("name_genitive", {})),
            **_translated("section", item["section"]),
            **_translated("parent_unit", item["parent_unit"]),
            **_translated("mission", item["mission"]),
            **_translated("legal_basis", item["legal_basis"]),
            "legal_basis_url": item.get("legal_basis_url", ""),
            **_translated("head_name", item["head_name"]),
            "head_gender": item["head_gender"],
        },
        adopt=lambda: Directorate.objects.filter(slug=slug).first(),
    )
    if directorate is None:
        return
    for department_order, department_item in enumerate(item["departments"], start=1):
        _apply_department(seeder, directorate, department_order, department_item)


def _apply_department(seeder, directorate, order, item):
    slug = item["slug"]
    key = f"department:{directorate.slug}/{slug}"
    department = seeder.apply(
        key,
        Department,
        {
            "slug": slug,
            "order": order,
            **_translated("name", item["name"]),
            **_translated("head_name", item["head_name"]),
            "head_gender": item["head_gender"],
            "email": item["email"],
        },
        parent={"directorate_id": directorate.pk},
        adopt=lambda: Department.objects.filter(directorate=directorate, slug=slug).first(),
    )
    if department is None:
        return
    in_draft = seeder.has_open_draft(department)
    for competence_order, text in enumerate(item["competences"], start=1):
        seeder.apply(
            f"{key}/competence:{competence_order}",
            Competence,
            {"order": competence_order, **_translated("text", text)},
            parent={"department_id": department.pk},
            in_draft=in_draft,
        )
