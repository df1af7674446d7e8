"""Issue 21: the English a translator flagged, corrected for databases seeded before it.

Every translation starts from the Greek with the English as the pivot, so the pivot is fixed
first. As in 0004: a field changes only where it still holds the text the old seed wrote, so
nothing staff have typed is overwritten; where an object still holds exactly what the old seed
wrote (its values hash to its SeedRecord), the record's hash moves to the new seed's values, so
that ``seed_content`` afterwards finds the object unchanged. An object with an open draft (a
department's competences with their department) is left alone, as the seed leaves it: the draft
was based on the published text, and the seed applies the fix once the draft is discarded. The
texts are frozen here, not read from fixtures/seed/, so that later seed changes cannot alter
what this migration does.
"""

import hashlib
import json

from django.db import migrations

REASON = "Corrected seed text (issue 21)"

# The fields each kind of seeded object hashes (departments/seeding.py): the keys of the values
# the seed writes, which the five new languages' columns are not part of.
SEEDED_FIELDS = {
    "Directorate": [
        "slug", "order", "name_el", "name_en", "name_genitive_el", "name_genitive_en",
        "section_el", "section_en", "parent_unit_el", "parent_unit_en", "mission_el",
        "mission_en", "legal_basis_el", "legal_basis_en", "legal_basis_url", "head_name_el",
        "head_name_en", "head_gender",
    ],
    "Competence": ["order", "text_el", "text_en", "department_id"],
    "ViberCommunity": ["title_el", "title_en", "text_el", "text_en", "link"],
}

# (seed key, field, text the old seed wrote, corrected text)
TEXT_FIXES = [
    (
        "viber-community",
        "title_en",
        "Viber Community on Migration and Asylum Matters",
        "Viber community on migration and asylum matters",
    ),
    (
        "directorate:social-integration",
        "mission_en",
        "The Directorate of Social Integration, in accordance with the Organisation of the Ministry of Migration and Asylum (Article 23 – Presidential Decree 106/2020), is coordinated by the General Directorate of Migration Policy. Its operational objective is to design and implement, and to monitor the implementation of, the integration policy and the national strategy in force at any given time for the social integration of third-country nationals legally residing in Greece, as well as the corresponding sectoral social integration policies and programmes, in cooperation with ministries, local and regional government bodies, international organisations and civil society organisations that carry out actions in the field of social integration.",
        "Under the organisational regulation of the Ministry of Migration and Asylum (Article 23 of Presidential Decree 106/2020), the Directorate of Social Integration is coordinated by the General Directorate of Migration Policy. Its operational objective is to design and implement, and to monitor the implementation of, the integration policy and the national strategy in force at any given time for the social integration of third-country nationals legally residing in Greece, as well as the corresponding sectoral social integration policies and programmes, in cooperation with ministries, local and regional government bodies, international organisations and civil society organisations that carry out actions in the field of social integration.",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:6",
        "text_en",
        "the participation in the drawing up of training programmes on social integration implemented by the National Centre for Public Administration or other bodies,",
        "participation in the drawing up of training programmes on social integration implemented by the National Centre for Public Administration or other bodies,",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:7",
        "text_en",
        "the drafting of a national social integration programme for the implementation of the multiannual financial frameworks",
        "the drafting of a national social integration programme for the implementation of the multiannual financial frameworks,",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:8",
        "text_en",
        "the submission of recommendations for the formulation of integration policies and programmes for third-country nationals following the identification of their needs",
        "the submission of recommendations for the formulation of integration policies and programmes for third-country nationals following the identification of their needs.",
    ),
    (
        "department:social-integration/interculturalism/competence:2",
        "text_en",
        "the design and promotion of actions to inform, raise awareness among and train staff of public bodies and of local and regional government bodies on matters of migration and integration, including intercultural training,",
        "the design and promotion of actions to inform staff of public bodies and of local and regional government on migration and integration, raise their awareness and provide them with intercultural training,",
    ),
    (
        "department:social-integration/interculturalism/competence:5",
        "text_en",
        "the determination of the procedures and specifications for the establishment and operation of a national Register of certified intercultural mediators,",
        "the determination of the procedures and specifications for the establishment and operation of a national register of certified intercultural mediators,",
    ),
    (
        "department:social-integration/interculturalism/competence:8",
        "text_en",
        "the cooperation with ministries, local and regional government bodies, international organisations and civil society in the design and monitoring of the operation of integration structures, such as the Migrant Integration Centres (MICs).",
        "cooperation with ministries, local and regional government bodies, international organisations and civil society on the design and monitoring of the operation of integration structures, such as the Migrant Integration Centres (MICs).",
    ),
    (
        "department:social-integration/socio-economic-integration/competence:2",
        "text_en",
        "the recording and listing of existing migrant communities and associations falling within the competence of the Ministry, as well as the determination of the procedures and specifications for the establishment and operation of a corresponding national Register,",
        "the recording and listing of existing migrant communities and associations falling within the competence of the Ministry, as well as the determination of the procedures and specifications for the establishment and operation of a corresponding national register,",
    ),
    (
        "department:social-integration/socio-economic-integration/competence:5",
        "text_en",
        "the design and implementation of integration actions to prepare third-country nationals legally residing in Greece for the acquisition of Greek citizenship, in cooperation with the other competent ministries and bodies",
        "the design and implementation of integration actions to prepare third-country nationals legally residing in Greece for the acquisition of Greek citizenship, in cooperation with the other competent ministries and bodies,",
    ),
    (
        "department:social-integration/support-for-beneficiaries-of-international-protection/competence:3",
        "text_en",
        "the provision of care for vulnerable groups of beneficiaries of international protection in accommodation matters, and the design of targeted integration interventions,",
        "attending to the accommodation needs of vulnerable groups of beneficiaries of international protection, and the design of targeted integration interventions,",
    ),
    (
        "department:social-integration/support-for-beneficiaries-of-international-protection/competence:6",
        "text_en",
        "the dissemination of the results of the actions falling within its competence and",
        "the dissemination of the results of the actions falling within its competence, and",
    ),
]


def _hash(values):
    """The seed's hash of the values it wrote (departments.seeding._hash, frozen)."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def _model_name(key):
    if key == "viber-community":
        return "ViberCommunity"
    return "Competence" if "/competence:" in key else "Directorate"


def _fixes_by_key():
    fixes = {}
    for key, field, old, new in TEXT_FIXES:
        fixes.setdefault(key, []).append((field, old, new))
    return fixes


def _record_history(apps, model_name, obj, when):
    """A "changed" record, as a save by the site leaves (staff history, the changes feed)."""
    historical = apps.get_model("departments", f"Historical{model_name}")
    values = {
        field.attname: getattr(obj, field.attname)
        for field in historical._meta.fields
        if not field.name.startswith("history_")
    }
    historical.objects.create(
        **values, history_date=when, history_type="~", history_change_reason=REASON
    )


def _drafted(apps):
    """(model name, object id) of every object with an open draft."""
    Draft = apps.get_model("departments", "Draft")
    open_drafts = Draft.objects.filter(status__in=["draft", "submitted", "scheduled"])
    return {
        (model.lower(), object_id)
        for model, object_id in open_drafts.values_list("content_type__model", "object_id")
    }


def _in_draft(model_name, obj, drafted):
    if model_name == "Competence":
        # A department's draft holds its competences.
        return ("department", obj.department_id) in drafted
    return (model_name.lower(), obj.pk) in drafted


def apply_text_fixes(apps, schema_editor):
    from django.utils import timezone

    from serving.generation import bump_content_generation

    now = timezone.now()
    drafted = _drafted(apps)
    SeedRecord = apps.get_model("departments", "SeedRecord")
    for key, fixes in _fixes_by_key().items():
        record = SeedRecord.objects.filter(key=key).first()
        if record is None:
            continue
        model_name = _model_name(key)
        model = apps.get_model("departments", model_name)
        obj = model.objects.filter(pk=record.object_id).first()
        if obj is None or _in_draft(model_name, obj, drafted):
            continue  # deleted by staff: left deleted; a draft in progress: left to the seed
        fields = SEEDED_FIELDS[model_name]
        untouched = _hash({name: getattr(obj, name) for name in fields}) == record.values_hash
        changed = []
        for field, old, new in fixes:
            if getattr(obj, field) == old:
                setattr(obj, field, new)
                changed.append(field)
        if changed:
            # As a save by the site would: a new version, so that a form opened before the
            # migration cannot silently overwrite the corrected text (staff/locking.py).
            obj.version += 1
            obj.save(update_fields=[*changed, "version", "updated_at"])
            _record_history(apps, model_name, obj, now)
        if untouched:
            record.values_hash = _hash({name: getattr(obj, name) for name in fields})
            record.save(update_fields=["values_hash"])
    # Pages cached before this release show the old texts: none may be served again.
    bump_content_generation()


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0007_more_languages"),
        # bump_content_generation() raises serving's ContentGeneration row.
        ("serving", "0001_content_generation"),
    ]

    operations = [
        migrations.RunPython(apply_text_fixes, migrations.RunPython.noop),
    ]
