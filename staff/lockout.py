"""Login lockout policy: a user name is locked only together with the address it is tried from.

django-axes' database handler keeps the failed attempts in the database, so every app node
sees the same counts and a lockout holds on all of them. This handler changes what is counted:

- a user name with AXES_FAILURE_LIMIT failures from one address is locked out from that address
  only, so failures from elsewhere never lock a staff member out of their own desk;
- an address with STAFF_LOGIN_ADDRESS_FAILURE_LIMIT failures, whatever the names, is locked out
  for every name (one address spraying guesses over many names).

The address is the client's as the trusted proxy saw it, an IPv6 client counted per /64
(serving/client_address.py, set as AXES_CLIENT_IP_CALLABLE).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutHandler(AxesDatabaseHandler):
    def _recent_attempts(self, request):
        return AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )

    def get_failures(self, request, credentials=None):
        """This name's failures from this address, or the full limit once the address is over."""
        recent = self._recent_attempts(request)
        username = get_client_username(request, credentials)
        name_failures = _failures(recent.filter(username=username))
        if _failures(recent) >= settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(name_failures, get_failure_limit(request, credentials))
        return name_failures

    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears that name's failures from that address, nothing more.

        The address's failures with other names stay counted, so one good password does not
        reset an address's allowance for guessing the others.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count
