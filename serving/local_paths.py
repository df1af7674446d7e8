"""Links built from what a request carries (a ``page`` parameter, the request path): local only.

A link is written into a page as an ``href``; the browser, not Django, decides where it leads.
Browsers drop tabs and line breaks inside a URL and read a backslash as a slash, so
``/\t/evil.example/`` and ``/\\evil.example/`` lead to another host although they start with one
"/". Only a path that starts with a single "/" and holds no control character and no backslash
anywhere is accepted.
"""

import re

from django.utils.http import url_has_allowed_host_and_scheme

# C0 control characters, DEL, and the backslash.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def is_local_path(url):
    """Whether ``url`` is a path on this site that no browser resolves to another host."""
    return (
        isinstance(url, str)
        and url.startswith("/")
        and not url.startswith("//")
        and not _UNSAFE.search(url)
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )
