"""The seed's translations: fixtures/translations/<lang>.xlf, loaded after the seed content.

We translated the seed's Greek ourselves (with the English as pivot); the Directorate has not
reviewed those translations, so every object that gets one is marked with the language in
``unreviewed_languages`` and its pages say so until staff mark it reviewed.

What the seed creates gets its translations in the same write (one history record per seeded
object, as before there were translations); what existed already gets them afterwards, as a
change of its own. A unit's id names an object of the database the file was made from, not
of this one, so a unit is matched by its model, its field and its Greek source text. A
translation is written only where that language's field is empty: a translation staff typed in
is never overwritten, and a Greek text staff changed no longer matches, so an old translation
never lands on new Greek. Objects with an open draft (and a drafted department's competences)
are left alone, as the seed leaves them (departments/seeding.py). Running it twice changes
nothing the second time.
"""

from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext_lazy

from departments.drafts import Draft
from departments.models import Competence
from departments.translation_status import target_languages
from departments.translation_units import SOURCE_LANGUAGE, parse_unit_id
from departments.xliff import read

DEFAULT_TRANSLATIONS_DIR = Path(settings.BASE_DIR) / "fixtures" / "translations"
REASON = gettext_lazy("Seed translation (%(languages)s), not yet reviewed by the Directorate")


def read_translations(path=None):
    """{(model, field, Greek text): {language: translation}} from every <lang>.xlf in the folder."""
    path = Path(path) if path else DEFAULT_TRANSLATIONS_DIR
    files = sorted(path.glob("*.xlf")) if path.is_dir() else []
    wanted = defaultdict(dict)
    for xlf in files:
        parsed = read(xlf.read_bytes())
        if parsed.target_language not in target_languages():
            continue
        for unit in parsed.units:
            key = parse_unit_id(unit.id)
            if key is not None and unit.target.strip() and unit.source:
                wanted[(key.model, key.field, unit.source)][parsed.target_language] = unit.target
    return wanted


def creation_values(model, values, wanted):
    """The translations (and unreviewed languages) of an object the seed is creating.

    Given with its other values, they are part of its first history record: a new database's
    history holds one record per seeded object, as before there were translations.
    """
    extra, languages = {}, set()
    for (translated_model, field, greek), texts in wanted.items():
        if translated_model is not model or values.get(f"{field}_{SOURCE_LANGUAGE}") != greek:
            continue
        for language, text in texts.items():
            if not values.get(f"{field}_{language}"):
                extra[f"{field}_{language}"] = text
                languages.add(language)
    if languages:
        extra["unreviewed_languages"] = sorted(languages)
    return extra


def load_seed_translations(path=None, wanted=None):
    """Fill the empty translations of existing objects; return how many objects got some."""
    wanted = read_translations(path) if wanted is None else wanted
    if not wanted:
        return 0
    drafted = _drafted()
    filled = 0
    for model in {model for model, _field, _greek in wanted}:
        objects = model.objects.all()
        if model is Competence:
            objects = objects.select_related("department")
        for obj in objects:
            if _in_draft(obj, drafted):
                continue
            languages = _fill(obj, wanted)
            if languages:
                obj.unreviewed_languages = sorted({*(obj.unreviewed_languages or []), *languages})
                with translation.override(settings.LANGUAGE_CODE):
                    obj._change_reason = str(REASON) % {"languages": ", ".join(sorted(languages))}
                obj.save()
                filled += 1
    return filled


def _fill(obj, wanted):
    """Set the empty translations of ``obj`` the files hold; return the languages set."""
    languages = set()
    for (model, field, greek), texts in wanted.items():
        if model is not type(obj) or getattr(obj, f"{field}_{SOURCE_LANGUAGE}") != greek:
            continue
        for language, text in texts.items():
            name = f"{field}_{language}"
            if not getattr(obj, name):
                setattr(obj, name, text)
                languages.add(language)
    return languages


def _drafted():
    return {
        (content_type, object_id)
        for content_type, object_id in Draft.objects.open().values_list(
            "content_type_id", "object_id"
        )
    }


def _in_draft(obj, drafted):
    owner = obj.department if isinstance(obj, Competence) else obj
    return (ContentType.objects.get_for_model(type(owner)).pk, owner.pk) in drafted
