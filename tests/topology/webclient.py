"""A small HTTP client for the stage: real sockets, a chosen source address, its own cookies.

Every loopback address (127.0.0.0/8) is local on Linux, so a client bound to 127.0.0.5 reaches
nginx as a visitor at 127.0.0.5: that is how the stage plays many visitors on one machine.
A client of nginx speaks TLS (``tls``: a context trusting the stage's certificate); a client of
one app node speaks plain HTTP, as nginx does. Cookies are kept whatever their Secure flag.
"""

import http.client
import re
import ssl
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name):
        return self.headers.get(name)


@dataclass
class Client:
    """A visitor at ``source`` talking to ``port`` with ``Host: host``.

    ``forwarded_for`` makes it talk as the proxy would: the headers nginx sets, with that
    address appended (used to address one app node directly, as nginx does).
    """

    port: int
    host: str
    source: str = "127.0.0.1"
    forwarded_for: str | None = None
    cookies: dict = field(default_factory=dict)
    timeout: float = 30
    tls: ssl.SSLContext | None = None

    def request(self, method, path, body=None, headers=None):
        address = {"timeout": self.timeout, "source_address": (self.source, 0)}
        if self.tls is None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, **address)
        else:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, context=self.tls, **address
            )
        sent = {"Host": self.host, "Accept-Encoding": "identity"}
        if self.forwarded_for is not None:
            sent |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.forwarded_for}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent |= headers or {}
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in cookie.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, referer=None, headers=None):
        """POST a form as a browser on the site's https origin would (Origin and Referer)."""
        origin = f"https://{self.host}"
        sent = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + (referer or path),
            **(headers or {}),
        }
        return self.request("POST", path, body=urlencode(data, doseq=True), headers=sent)

    def location(self, response):
        """The path a redirect points to."""
        parts = urlsplit(response.header("Location") or "")
        return parts.path + (f"?{parts.query}" if parts.query else "")


class _FormParser(HTMLParser):
    """The fields a browser would submit from the form with ``form_id`` (or the first POST form)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.fields = []
        self.select = None
        self.select_first = None
        self.select_chosen = False
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            wanted = attrs.get("id") == self.form_id if self.form_id else True
            self.inside = wanted and (attrs.get("method") or "").lower() == "post"
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in attrs and not self.select_chosen:
                self.fields.append((self.select, value))
                self.select_chosen = True

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside, self.done = False, True
        elif tag == "textarea" and self.textarea:
            # A browser drops the newline right after <textarea>.
            name, value = self.textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.select_chosen and self.select_first is not None:
                self.fields.append((self.select, self.select_first))
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def form_fields(html, form_id=None):
    """The (name, value) pairs a browser would submit from a POST form of the page, unchanged."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.fields


def with_values(fields, values):
    """The form's fields with some values replaced (one value per name)."""
    changed = [(name, values.get(name, value)) for name, value in fields]
    names = {name for name, _value in fields}
    return changed + [(name, value) for name, value in values.items() if name not in names]


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)
