"""The stale-English flag generalised to every language (departments/translation_status.py).

``english_review`` (a list of the fields whose English fell behind the Greek) becomes
``outdated_translations`` (per language: ``{"en": [...]}``), on the content and on every history
record, so that an old version restored keeps its flags. A flag on an empty English is dropped:
an empty translation is *missing*, not *outdated*.
"""

from django.db import migrations, models

# The translated fields as departments/translation.py registered them at this migration.
TRANSLATED = {
    "directorate": (
        "name",
        "name_genitive",
        "section",
        "parent_unit",
        "mission",
        "legal_basis",
        "head_name",
    ),
    "department": ("name", "head_name"),
    "competence": ("text",),
    "vibercommunity": ("title", "text"),
}
MODELS = [name for base in TRANSLATED for name in (base, f"historical{base}")]


def _field():
    return models.JSONField(
        blank=True, default=dict, editable=False, verbose_name="outdated translations"
    )


def _base(model_name):
    return model_name.removeprefix("historical")


def english_to_every_language(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("departments", model_name)
        fields = TRANSLATED[_base(model_name)]
        for row in model._base_manager.exclude(english_review=[]).iterator():
            flagged = sorted(
                name
                for name in row.english_review or ()
                if name in fields and getattr(row, f"{name}_en")
            )
            if flagged:
                model._base_manager.filter(pk=row.pk).update(outdated_translations={"en": flagged})


def every_language_to_english(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("departments", model_name)
        for row in model._base_manager.exclude(outdated_translations={}).iterator():
            english = sorted((row.outdated_translations or {}).get("en", ()))
            model._base_manager.filter(pk=row.pk).update(english_review=english)


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0008_issue_21_text_fixes"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=name, name="outdated_translations", field=_field())
            for name in MODELS
        ),
        migrations.RunPython(english_to_every_language, every_language_to_english),
        *(migrations.RemoveField(model_name=name, name="english_review") for name in MODELS),
    ]
