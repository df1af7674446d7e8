"""The translation status in the content admins: per field and language in the change form, a
column and a filter per language in the lists, and the bulk actions that confirm a translation
as up to date or mark it reviewed (both through the workflow core, departments/publishing.py).

The status itself is worked out in departments/translation_status.py.
"""

from django.contrib import admin, messages
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from departments import publishing
from departments import translation_status as status

STATUS_LABELS = {
    status.TRANSLATED: gettext_lazy("translated"),
    status.MISSING: gettext_lazy("missing"),
    status.OUTDATED: gettext_lazy("outdated: the Greek changed after this translation"),
}


def language_name(code):
    """The language's name in the reader's language ("Arabic", «Αραβικά»)."""
    return str(get_language_info(code)["name_translated"])


def _lazy_with_language(text, code):
    """``text`` (a lazy "%(language)s …" message) with the language's name, translated late."""
    return lazy(lambda: str(text) % {"language": language_name(code)}, str)()


def language_attributes(db_field, widget):
    """Give a translation's input its language (``lang``, and ``dir="rtl"`` for Arabic script),
    so that the browser, spell checkers and screen readers treat the text as what it is."""
    code = getattr(db_field, "language", None)
    if code and widget is not None:
        widget.attrs.setdefault("lang", code)
        widget.attrs.setdefault("dir", "rtl" if get_language_info(code)["bidi"] else "ltr")


# --- Filters ------------------------------------------------------------------------------------


def status_filter(code):
    """The list filter "<language> translation": missing, outdated, complete, not yet reviewed."""

    class TranslationStatusFilter(admin.SimpleListFilter):
        title = _lazy_with_language(gettext_lazy("%(language)s translation"), code)
        parameter_name = f"translation_{code}"
        language = code

        def lookups(self, request, model_admin):
            return [
                (status.MISSING, _("missing")),
                (status.OUTDATED, _("outdated")),
                (status.TRANSLATED, _("complete")),
                (status.UNREVIEWED, _("not yet reviewed")),
            ]

        def queryset(self, request, queryset):
            if self.value() in (*status.STATUSES, status.UNREVIEWED):
                return queryset.filter(status.status_q(queryset.model, code, self.value()))
            return queryset

    TranslationStatusFilter.__name__ = f"TranslationStatusFilter_{code}"
    return TranslationStatusFilter


# --- Actions ------------------------------------------------------------------------------------


def _confirm_action(code):
    def confirm(modeladmin, request, queryset):
        count = publishing.confirm_translation(queryset, request.user, code)
        modeladmin.message_user(
            request,
            ngettext(
                "The %(language)s translation of %(count)d item is confirmed as up to date.",
                "The %(language)s translation of %(count)d items is confirmed as up to date.",
                count,
            )
            % {"count": count, "language": language_name(code)},
            messages.SUCCESS,
        )

    confirm.__name__ = f"confirm_translation_{code}"
    confirm.allowed_permissions = ("confirm_translation",)
    confirm.short_description = _lazy_with_language(
        gettext_lazy(
            "Confirm that the %(language)s translation of the selected items is up to date"
        ),
        code,
    )
    return confirm


def _review_action(code):
    def mark(modeladmin, request, queryset):
        count = publishing.mark_reviewed(queryset, request.user, code)
        modeladmin.message_user(
            request,
            ngettext(
                "The %(language)s translation of %(count)d item is marked reviewed.",
                "The %(language)s translation of %(count)d items is marked reviewed.",
                count,
            )
            % {"count": count, "language": language_name(code)},
            messages.SUCCESS,
        )

    mark.__name__ = f"mark_reviewed_{code}"
    mark.allowed_permissions = ("mark_reviewed",)
    mark.short_description = _lazy_with_language(
        gettext_lazy("Mark the %(language)s translation of the selected items as reviewed"), code
    )
    return mark


def translation_actions():
    """The bulk actions, per language: confirm as up to date, then mark reviewed."""
    codes = status.target_languages()
    return [*map(_confirm_action, codes), *map(_review_action, codes)]


# --- The mixin ----------------------------------------------------------------------------------


class TranslationStatusAdminMixin:
    """For a content ModelAdmin: the status column, filters, form notes and actions."""

    actions = translation_actions()

    def has_confirm_translation_permission(self, request):
        return publishing.may_on_objects(request.user, publishing.CONFIRM_TRANSLATION, self.model)

    def has_mark_reviewed_permission(self, request):
        return publishing.may_on_objects(request.user, publishing.MARK_REVIEWED, self.model)

    # --- The lists ---------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("Translations"))
    def translation_summary(self, obj):
        """What is left to do, by language: "missing: Arabic; outdated: English"."""
        codes = status.target_languages()
        found = {
            _("missing: %(languages)s"): [
                code for code in codes if status.fields_with(obj, code, status.MISSING)
            ],
            _("outdated: %(languages)s"): [
                code for code in codes if status.fields_with(obj, code, status.OUTDATED)
            ],
            _("not yet reviewed: %(languages)s"): [
                code for code in codes if code in (obj.unreviewed_languages or ())
            ],
        }
        parts = [
            text % {"languages": ", ".join(map(language_name, languages))}
            for text, languages in found.items()
            if languages
        ]
        return "; ".join(parts) or _("complete")

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translation_summary"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), *map(status_filter, status.target_languages())]

    # --- The change form ---------------------------------------------------------------------

    @admin.display(description=gettext_lazy("Translation status"))
    def translation_status(self, obj):
        """Per language: what is missing or outdated, and whether it is reviewed."""
        flags = status.pending_outdated(obj)
        rows = []
        for code in status.target_languages():
            found = status.statuses(obj, code, flags)
            notes = [
                _("%(status)s: %(fields)s")
                % {
                    "status": _("missing") if state == status.MISSING else _("outdated"),
                    "fields": _field_labels(type(obj), names),
                }
                for state in (status.MISSING, status.OUTDATED)
                if (names := [name for name, value in found.items() if value == state])
            ]
            if code in (obj.unreviewed_languages or ()):
                notes.append(_("not yet reviewed by the Directorate"))
            rows.append((language_name(code), "; ".join(notes) or _("complete")))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "translation_status"] if obj is not None else readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            _note_statuses(form, obj)
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language_attributes(db_field, getattr(field, "widget", None))
        return field


class TranslationInlineMixin:
    """An inline's translation inputs carry their language too."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language_attributes(db_field, getattr(field, "widget", None))
        return field


def _field_labels(model, names):
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def _note_statuses(form, obj):
    """Under each translation's input, its status (as publishing the form's values would leave
    it: an open draft shown in the form counts)."""
    flags = status.pending_outdated(obj)
    for code in status.target_languages():
        for name, state in status.statuses(obj, code, flags).items():
            field = form.base_fields.get(f"{name}_{code}")
            if field is None:
                continue
            note = _("Translation status: %(status)s") % {"status": STATUS_LABELS[state]}
            field.help_text = f"{field.help_text} {note}".strip() if field.help_text else note
