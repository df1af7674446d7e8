"""The search form: what the visitor typed, cleaned, or an error in their language."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from search.normalise import MAX_QUERY_LENGTH

# NUL and other control characters: PostgreSQL refuses NUL in text, and none of them is a word.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class QueryField(forms.CharField):
    def to_python(self, value):
        value = CONTROL_CHARACTERS.sub(" ", value or "")
        return " ".join(super().to_python(value).split())


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Your search is too long: please use at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )


def cleaned_query(data):
    """The query in ``data`` (a QueryDict), cleaned as SearchForm cleans it; None if refused.

    Accepted queries, nearly all of them, are cleaned by the form's field alone: a bound form
    (which copies its fields) is only needed to show a refusal (``SearchForm(data)``).
    """
    try:
        return SearchForm.base_fields["q"].clean(data.get("q"))
    except forms.ValidationError:
        return None
