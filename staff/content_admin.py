"""What the staff app adds to every content admin (locking, deleted items, read-only history for
view-only staff; the translation status is staff/translation_admin.py's). The admins themselves
are registered in staff/admin.py."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from staff.locking import DRAFT_VERSION_FIELD, VERSION_FIELD, LockedModelForm, is_revert
from staff.restore import deleted_records, restore_deleted


class LockedInlineMixin:
    """Inline rows carry their version too (see staff.locking)."""

    form = LockedModelForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if VERSION_FIELD in fields else [*fields, VERSION_FIELD]


class StaffContentAdminMixin:
    """Optimistic locking and recovery of deleted items, for a content admin."""

    form = LockedModelForm
    change_list_template = "admin/staff/change_list.html"

    # --- Saving -----------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # An unchanged object is not saved again: saving it would start a new version and make
        # someone editing its inline rows at the same time see a conflict that is not there.
        if change and not form.has_changed() and not is_revert(obj):
            return
        super().save_model(request, obj, form, change)

    # --- History -----------------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history lets anyone who may *view* the object post its revert form; restoring
        # an old version is a change, so without the change permission it is refused.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        # simple-history's revert form is not wrapped in a transaction like the change form is;
        # the version check locks the row until the revert is saved.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        # Staff who may only view see an old version as text, like Django's view-only change
        # page, not as a form they could fill in (simple-history already hides "Revert").
        # The history list has no form; an old version's page has one.
        if "adminform" in context and not self.has_change_permission(
            request, context.get("original")
        ):
            context["adminform"] = _read_only(context["adminform"], self)
        return super().render_history_view(request, template, context, **kwargs)

    # --- Deleted items ----------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def deleted_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %(items)s") % {"items": self.opts.verbose_name_plural},
            "opts": self.opts,
            "records": deleted_records(self.model),
            "can_restore": self.has_add_permission(request),
        }
        return render(request, "admin/staff/deleted_list.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, history_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = next((r for r in deleted_records(self.model) if r.history_id == history_id), None)
        if record is None:
            raise Http404
        info = self.opts.app_label, self.opts.model_name
        if not _parents_exist(record):
            self.message_user(
                request,
                _("“%(object)s” cannot be restored before the item it belongs to.")
                % {"object": record.instance},
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:{}_{}_deleted".format(*info)))
        try:
            restored = restore_deleted(record, request.user)
        except IntegrityError:
            # Its address (slug) was given to another item meanwhile; nothing was written.
            self.message_user(
                request,
                _(
                    "“%(object)s” cannot be restored: another item now uses its address "
                    "(slug). Change that item's address first, then restore this one."
                )
                % {"object": record.instance},
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:{}_{}_deleted".format(*info)))
        related = len(restored) - 1
        message = (
            ngettext(
                "“%(object)s” is restored with %(count)d related item.",
                "“%(object)s” is restored with %(count)d related items.",
                related,
            )
            if related
            else _("“%(object)s” is restored.")
        )
        self.message_user(
            request, message % {"object": restored[0], "count": related}, messages.SUCCESS
        )
        return HttpResponseRedirect(
            reverse("admin:{}_{}_change".format(*info), args=[restored[0].pk])
        )


def _read_only(admin_form, model_admin):
    """The same admin form with every field shown as text (and no version fields)."""
    fieldsets = [
        (name, {**options, "fields": _without_version(options["fields"])})
        for name, options in admin_form.fieldsets
    ]
    return helpers.AdminForm(
        admin_form.form,
        fieldsets,
        {},
        readonly_fields=flatten_fieldsets(fieldsets),
        model_admin=model_admin,
    )


def _without_version(fields):
    return [
        _without_version(field) if isinstance(field, (list, tuple)) else field
        for field in fields
        if field not in (VERSION_FIELD, DRAFT_VERSION_FIELD)
    ]


def _parents_exist(record):
    """Whether every object the deleted one points to (its department, ...) still exists."""
    model = record.instance_type
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one:
            value = getattr(record, field.attname)
            if (
                value is not None
                and not field.related_model._base_manager.filter(pk=value).exists()
            ):
                return False
    return True
