"""``{% page_url %}``: ``{% url %}`` for the links every public page repeats (header, footer…)."""

from django import template

from departments.models import cached_reverse

register = template.Library()


@register.simple_tag
def page_url(viewname, **kwargs):
    """The URL ``{% url viewname key=value… %}`` gives, reversed once per language and arguments.

    For the site's own views (one instance of each namespace), whose URLs only depend on these.
    """
    return cached_reverse(viewname, **kwargs)
