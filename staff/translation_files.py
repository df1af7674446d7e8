"""The admin's "Translation files (XLIFF)" page: download a file for translators, upload it back.

The same functions as the commands (departments/translation_units.py, departments/xliff.py,
departments/translation_import.py): a file is checked whole before anything is written, and its
translations become drafts through the workflow core, saved by whoever uploads it. A file that
cannot be imported is a form error (400), never a server error.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments import publishing, translation_units, xliff
from departments.models import Competence, Department, Directorate, ViberCommunity
from departments.translation_import import import_translations
from staff.models import TranslationFile

CONTENT_MODELS = (Directorate, Department, Competence, ViberCommunity)
# Our own exports of the whole site are a few hundred kilobytes.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _language_choices():
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != translation_units.SOURCE_LANGUAGE
    ]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Target language"), choices=_language_choices)
    missing = forms.BooleanField(
        label=gettext_lazy("Only texts with no translation"), required=False
    )
    outdated = forms.BooleanField(
        label=gettext_lazy("Only texts whose Greek changed since they were translated"),
        required=False,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated XLIFF file"),
        help_text=gettext_lazy(
            "An XLIFF 1.2 file exported from this page and translated. Each item it changes "
            "becomes a draft saved by you; units whose Greek changed since the export are "
            "refused."
        ),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the new drafts at once"),
        required=False,
        help_text=gettext_lazy("Only where you may publish your own changes (approval off)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


@admin.register(TranslationFile)
class TranslationFileAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and any(publishing.role_may(user, publishing.SAVE, model) for model in CONTENT_MODELS)
        )

    has_module_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        export_form, import_form, report, status = ExportForm(), ImportForm(), None, 200
        if request.method == "POST" and "export" in request.POST:
            export_form = ExportForm(request.POST)
            if export_form.is_valid():
                return self._download(export_form.cleaned_data)
            status = 400
        elif request.method == "POST":
            import_form = ImportForm(request.POST, request.FILES)
            if import_form.is_valid():
                try:
                    report = import_translations(
                        import_form.cleaned_data["file"].read(),
                        request.user,
                        publish=import_form.cleaned_data["publish"],
                    )
                except xliff.XliffError as error:
                    import_form.add_error(
                        "file", _("%(error)s Nothing was imported.") % {"error": error}
                    )
            if not import_form.is_valid():
                status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Translation files (XLIFF)"),
            "export_form": export_form,
            "import_form": import_form,
            "report": report,
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/staff/translation_files.html", context, status=status
        )

    def _download(self, options):
        language = options["language"]
        try:
            units = translation_units.selected_units(
                language, missing=options["missing"], outdated=options["outdated"]
            )
        except NotImplementedError as error:
            return HttpResponse(str(error), status=501, content_type="text/plain")
        response = HttpResponse(
            xliff.write(units, language), content_type="application/x-xliff+xml"
        )
        response["Content-Disposition"] = f'attachment; filename="translations-{language}.xlf"'
        return response
