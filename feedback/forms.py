"""The "Is this page useful?" form: yes or no, an optional short comment, the page it is about."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import COMMENT_MAX_LENGTH, PAGE_MAX_LENGTH, Feedback
from serving.local_paths import is_local_path


class FeedbackForm(forms.ModelForm):
    useful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Your comment is too long: please keep it to %(limit_value)d characters."
            )
        },
    )
    page = forms.CharField(max_length=PAGE_MAX_LENGTH, widget=forms.HiddenInput)

    class Meta:
        model = Feedback
        fields = ["useful", "comment", "page"]

    def clean_page(self):
        """Only a path on this site: never a full URL, which could lead a visitor elsewhere."""
        page = self.cleaned_data["page"]
        if not is_local_path(page):
            raise forms.ValidationError(_("The page address is not valid."))
        return page.split("?", 1)[0].split("#", 1)[0]
