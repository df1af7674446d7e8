from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def duration(value):
    """A timedelta in words in the active language ("1 hour", "1 ώρα")."""
    if not isinstance(value, timedelta):
        return ""
    now = timezone.now()
    return timesince(now, now + value)


@register.simple_tag
def login_address_failure_limit():
    """Failed logins from one address, over any user names, before it is locked out."""
    return settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT
