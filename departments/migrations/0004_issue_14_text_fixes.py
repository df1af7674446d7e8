"""Issue 14: the seed's corrected texts, for databases seeded before them.

A field is changed only where it still holds the text the old seed wrote, so nothing staff have
typed is ever overwritten. Where an object still holds exactly what the old seed wrote (its
values hash to its SeedRecord), the record's hash is moved to the new seed's values, so that
``seed_content`` afterwards finds the object unchanged. The texts are frozen here, not read from
fixtures/seed/, so that later seed changes cannot alter what this migration does.
"""

import hashlib
import json

from django.db import migrations

# The fields each kind of seeded object hashes (departments/seeding.py), before and after.
DIRECTORATE_FIELDS = [
    "slug", "order", "name_el", "name_en", "section_el", "section_en", "parent_unit_el",
    "parent_unit_en", "mission_el", "mission_en", "legal_basis_el", "legal_basis_en",
    "legal_basis_url", "head_name_el", "head_name_en", "head_gender",
]
SEEDED_FIELDS_BEFORE = {
    "Directorate": DIRECTORATE_FIELDS,
    "Department": [
        "slug", "order", "name_el", "name_en", "head_name_el", "head_name_en", "head_gender",
        "email", "directorate_id",
    ],
    "Competence": ["order", "text_el", "text_en", "department_id"],
}
SEEDED_FIELDS_AFTER = {
    **SEEDED_FIELDS_BEFORE,
    "Directorate": [*DIRECTORATE_FIELDS, "name_genitive_el", "name_genitive_en"],
}

# The new field, filled only while the name is still the seeded one: (language, name, genitive).
DIRECTORATE_KEY = "directorate:social-integration"
GENITIVES = [
    ("el", "Διεύθυνση Κοινωνικής Ένταξης", "Διεύθυνσης Κοινωνικής Ένταξης"),
    ("en", "Directorate of Social Integration", "Directorate of Social Integration"),
]

# (seed key, field, text the old seed wrote, corrected text)
TEXT_FIXES = [
    (
        "directorate:social-integration",
        "section_en",
        "Administration & Communication",
        "Administration & Contact",
    ),
    (
        "directorate:social-integration",
        "mission_en",
        "The Directorate of Social Integration, in accordance with the Organisation of the Ministry of Migration and Asylum (Article 23 – Presidential Decree 106/2020), is coordinated by the General Directorate of Migration Policy and has as its operational objective the design, the monitoring of the implementation and the implementation of the integration policy and of the national strategy in force at any given time for the social integration of third-country nationals legally residing in Greece, as well as of the corresponding sectoral social integration policies and programmes, in cooperation with ministries, local and regional government bodies, international organisations and civil society bodies that carry out actions in the field of social integration.",
        "The Directorate of Social Integration, in accordance with the Organisation of the Ministry of Migration and Asylum (Article 23 – Presidential Decree 106/2020), is coordinated by the General Directorate of Migration Policy. Its operational objective is to design and implement, and to monitor the implementation of, the integration policy and the national strategy in force at any given time for the social integration of third-country nationals legally residing in Greece, as well as the corresponding sectoral social integration policies and programmes, in cooperation with ministries, local and regional government bodies, international organisations and civil society organisations that carry out actions in the field of social integration.",
    ),
    (
        "directorate:social-integration",
        "legal_basis_url",
        "http://legislation.di.uoa.gr/eli/pd/2020/106",
        "",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:1",
        "text_en",
        "the submission of proposals for legislative provisions or regulatory acts relating to the national social integration strategy,",
        "the submission of recommendations for legislative provisions or regulatory acts relating to the national social integration strategy,",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:2",
        "text_en",
        "the drafting and submission of proposals and technical data sheets, as well as the issuing of declaratory acts where required, for participation in, and the monitoring and implementation of, European and international programmes whose subject matter is social integration,",
        "the drafting and submission of proposals and technical sheets, as well as the issuing of declaratory acts where required, for participation in, and the monitoring and implementation of, European and international programmes whose subject matter is social integration,",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:4",
        "text_en",
        "the preparation of representation in European and international organisations dealing with matters of social integration of third-country nationals,",
        "the preparation of the country's representation in European and international organisations dealing with matters of social integration of third-country nationals,",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:6",
        "text_en",
        "participation in the drawing up of training programmes on social integration implemented by the National Centre for Public Administration or other bodies,",
        "the participation in the drawing up of training programmes on social integration implemented by the National Centre for Public Administration or other bodies,",
    ),
    (
        "department:social-integration/integration-policy-and-programme-design/competence:8",
        "text_en",
        "the submission of proposals for the formulation of integration policies and programmes for third-country nationals following the identification of their needs",
        "the submission of recommendations for the formulation of integration policies and programmes for third-country nationals following the identification of their needs",
    ),
    (
        "department:social-integration/interculturalism/competence:2",
        "text_en",
        "the design and promotion of actions for the information, awareness-raising and intercultural training of the staff of public bodies and of local and regional government bodies on matters of migration and integration,",
        "the design and promotion of actions to inform, raise awareness among and train staff of public bodies and of local and regional government bodies on matters of migration and integration, including intercultural training,",
    ),
    (
        "department:social-integration/interculturalism/competence:8",
        "text_en",
        "cooperation with ministries, local and regional government bodies, international organisations and civil society in the design and monitoring of the operation of integration structures, such as the Migrant Integration Centres (KEM).",
        "the cooperation with ministries, local and regional government bodies, international organisations and civil society in the design and monitoring of the operation of integration structures, such as the Migrant Integration Centres (MICs).",
    ),
    (
        "department:social-integration/socio-economic-integration/competence:2",
        "text_en",
        "the recording of existing migrant communities and associations falling within the competence of the Ministry, as well as the determination of the procedures and specifications for the establishment and operation of a corresponding national Register,",
        "the recording and listing of existing migrant communities and associations falling within the competence of the Ministry, as well as the determination of the procedures and specifications for the establishment and operation of a corresponding national Register,",
    ),
    (
        "department:social-integration/socio-economic-integration/competence:4",
        "text_en",
        "the design and implementation of actions, in cooperation with local government bodies and migrant communities and associations, for the support and coordination of the Migrant and Refugee Integration Councils (SEMP),",
        "the design and implementation of actions, in cooperation with local government bodies and migrant communities and associations, for the support and coordination of the Migrant and Refugee Integration Councils (MRICs),",
    ),
    (
        "department:social-integration/socio-economic-integration/competence:5",
        "text_en",
        "the design and implementation of integration actions to prepare third-country nationals legally residing in Greece for the acquisition of Greek citizenship, in cooperation with the jointly competent ministries and bodies",
        "the design and implementation of integration actions to prepare third-country nationals legally residing in Greece for the acquisition of Greek citizenship, in cooperation with the other competent ministries and bodies",
    ),
    (
        "department:social-integration/support-for-beneficiaries-of-international-protection",
        "name_en",
        "Department for the Support of Beneficiaries of International Protection",
        "Department of Support for Beneficiaries of International Protection",
    ),
    (
        "department:social-integration/support-for-beneficiaries-of-international-protection/competence:3",
        "text_en",
        "care for vulnerable groups of beneficiaries of international protection with regard to their accommodation issues, and the design of targeted integration interventions,",
        "the provision of care for vulnerable groups of beneficiaries of international protection in accommodation matters, and the design of targeted integration interventions,",
    ),
    (
        "department:social-integration/support-for-beneficiaries-of-international-protection/competence:5",
        "text_en",
        "the submission of proposals for the establishment, implementation and monitoring of a mechanism for the distribution of the refugee population across the Greek territory, with a corresponding electronic mapping system, in cooperation with the other organisational units of the Ministry,",
        "the submission of a recommendation for the establishment, implementation and monitoring of a mechanism for the distribution of the refugee population throughout Greece, with a corresponding electronic mapping system, in cooperation with the other organisational units of the Ministry,",
    ),
]


def _hash(values):
    """The seed's hash of the values it wrote (departments.seeding._hash, frozen)."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def _values(obj, fields):
    return {name: getattr(obj, name) for name in fields}


def _fixes_by_key():
    fixes = {}
    for key, field, old, new in TEXT_FIXES:
        fixes.setdefault(key, []).append((field, old, new))
    for language, name, genitive in GENITIVES:
        fixes.setdefault(DIRECTORATE_KEY, []).append(
            (f"name_genitive_{language}", None, genitive, (f"name_{language}", name))
        )
    return fixes


def _still_seeded(obj, field, old, condition):
    current = getattr(obj, field)
    if condition is not None:
        # A new field: empty, and the text it derives from still the seeded one.
        other_field, seeded = condition
        return not current and getattr(obj, other_field) == seeded
    return current == old


def _record_history(apps, model_name, obj, when):
    """A "changed" record, as a save by the site leaves (staff history, the changes feed)."""
    historical = apps.get_model("departments", f"Historical{model_name}")
    values = {
        field.attname: getattr(obj, field.attname)
        for field in historical._meta.fields
        if not field.name.startswith("history_")
    }
    historical.objects.create(
        **values,
        history_date=when,
        history_type="~",
        history_change_reason="Corrected seed text (issue 14)",
    )


def apply_text_fixes(apps, schema_editor):
    from django.utils import timezone

    from serving.generation import bump_content_generation

    now = timezone.now()

    SeedRecord = apps.get_model("departments", "SeedRecord")
    for key, fixes in _fixes_by_key().items():
        record = SeedRecord.objects.filter(key=key).first()
        if record is None:
            continue
        model_name = "Directorate" if key.startswith("directorate:") else (
            "Competence" if "/competence:" in key else "Department"
        )
        model = apps.get_model("departments", model_name)
        obj = model.objects.filter(pk=record.object_id).first()
        if obj is None:
            continue  # deleted by staff: left deleted
        untouched = _hash(_values(obj, SEEDED_FIELDS_BEFORE[model_name])) == record.values_hash
        changed = []
        for fix in fixes:
            field, old, new = fix[:3]
            condition = fix[3] if len(fix) > 3 else None
            if _still_seeded(obj, field, old, condition):
                setattr(obj, field, new)
                changed.append(field)
        if changed:
            # As a save by the site would: a new version, so that a form opened before the
            # migration cannot silently overwrite the corrected text (staff/locking.py).
            obj.version += 1
            obj.save(update_fields=[*changed, "version", "updated_at"])
            _record_history(apps, model_name, obj, now)
        if untouched:
            record.values_hash = _hash(_values(obj, SEEDED_FIELDS_AFTER[model_name]))
            record.save(update_fields=["values_hash"])
    # The pages' layout changed too: nothing cached before this release may be served again.
    bump_content_generation()


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0003_directorate_name_genitive"),
        # bump_content_generation() raises serving's ContentGeneration row.
        ("serving", "0001_content_generation"),
    ]

    operations = [
        migrations.RunPython(apply_text_fixes, migrations.RunPython.noop),
    ]
