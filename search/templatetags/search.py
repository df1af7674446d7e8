from django import template

from search.normalise import MAX_QUERY_LENGTH

register = template.Library()


@register.simple_tag
def search_max_length():
    """The longest query accepted, for the search boxes' ``maxlength``."""
    return MAX_QUERY_LENGTH
