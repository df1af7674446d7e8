"""Which content fields are translated (el is the source, en the translation)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from departments.models import Competence, Department, Directorate, ViberCommunity


@register(Directorate)
class DirectorateTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "name_genitive",
        "section",
        "parent_unit",
        "mission",
        "legal_basis",
        "head_name",
    )
    required_languages = {"el": ("name", "mission")}


@register(Department)
class DepartmentTranslationOptions(TranslationOptions):
    fields = ("name", "head_name")
    required_languages = {"el": ("name",)}


@register(Competence)
class CompetenceTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"el": ("text",)}


@register(ViberCommunity)
class ViberCommunityTranslationOptions(TranslationOptions):
    fields = ("title", "text")
    required_languages = {"el": ("title", "text")}


# History is registered here, after translation, so that the historical models copy every
# language's column (name_el, name_en, ...). Registered on the model class itself, the history
# would be built before modeltranslation adds those fields and would lose the translations.
for _model in (Directorate, Department, Competence, ViberCommunity):
    register_history(_model, app="departments")
