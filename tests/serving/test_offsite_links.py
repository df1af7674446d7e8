"""No link on a page leads to another site, whatever path or ``page`` parameter a visitor sends.

Each ``href`` is resolved the way a browser resolves it (tabs and line breaks removed, a
backslash read as a slash), against the page's own address.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import make_department, make_directorate

ORIGIN = "https://integration.example.gov.gr"
HOST = urlsplit(ORIGIN).netloc

C0_AND_SPACE = "".join(chr(code) for code in range(0x21))

HOSTILE = [
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "/\r/evil.example/",
    "/\n/evil.example/",
    "/\x00/evil.example/",
    " //evil.example/",
    "https://evil.example/",
    "HTTPS:evil.example/",
    "javascript:alert(1)",
    "///evil.example/",
]
# As they appear in an address: "%09" is a tab once the query string is decoded.
HOSTILE_QUERIES = [
    "page=/%09/evil.example/",
    "page=/%0d/evil.example/",
    "page=/%0A/evil.example/",
    "page=/%5Cevil.example/",
    "page=%2F%2Fevil.example%2F",
    "page=/%2509/evil.example/",  # a literal "%09" in the path: harmless, kept
    "page=https:%2F%2Fevil.example",
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs.extend(value for name, value in attrs if name == "href")


def hrefs(html):
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def where_a_browser_goes(href, page_url):
    """The URL a browser opens for ``href`` on ``page_url`` (WHATWG URL parsing, simplified)."""
    cleaned = re.sub(r"[\t\n\r]", "", href).strip(C0_AND_SPACE).replace("\\", "/")
    return urljoin(page_url, cleaned)


def assert_every_link_stays(html, page_url):
    links = hrefs(html)
    assert links
    for href in links:
        target = urlsplit(where_a_browser_goes(href, page_url))
        assert target.scheme == "https" and target.netloc == HOST, href
        # A local path, a fragment (the skip link) or this site's own address (canonical links).
        assert (
            (href.startswith("/") and not href.startswith("//"))
            or href.startswith("#")
            or href.startswith(ORIGIN + "/")
        ), href
        assert not re.search(r"[\x00-\x1f\x7f\\]", href), href


@pytest.fixture
def visitor(db):
    make_department(make_directorate(), "alpha")
    return Client(raise_request_exception=False)


def back_link(html):
    main = html.split('<main id="main"')[1].split("</main>")[0]
    return hrefs(re.sub(r'<div class="translation-notice">.*?</div>', "", main, flags=re.S))


@pytest.mark.parametrize("language", ["el", "en"])
@pytest.mark.parametrize("page", HOSTILE)
def test_thanks_page_links_back_only_to_this_site(visitor, language, page):
    response = visitor.get(f"/{language}/feedback/thanks/", {"page": page})

    assert response.status_code == 200
    html = response.content.decode()
    assert_every_link_stays(html, f"{ORIGIN}/{language}/feedback/thanks/")
    assert back_link(html) == [f"/{language}/"]  # the home page instead


@pytest.mark.parametrize("language", ["el", "en"])
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_thanks_page_with_a_hostile_address_links_only_to_this_site(visitor, language, query):
    response = visitor.get(f"/{language}/feedback/thanks/?{query}")

    assert response.status_code == 200
    html = response.content.decode()
    assert_every_link_stays(html, f"{ORIGIN}/{language}/feedback/thanks/")
    expected = "/%09/evil.example/" if "%2509" in query else f"/{language}/"
    assert back_link(html) == [expected]


@pytest.mark.parametrize("page", HOSTILE)
def test_feedback_form_keeps_no_foreign_page(visitor, page):
    response = visitor.get("/en/feedback/", {"page": page, "useful": "yes"})
    assert response.status_code == 200
    assert 'name="page" value="/en/"' in response.content.decode()


@pytest.mark.parametrize("page", HOSTILE)
def test_feedback_from_a_foreign_page_is_refused(visitor, page):
    response = visitor.post("/en/feedback/", {"page": page, "useful": "yes"})
    assert response.status_code in (400, 403)


def others(current):
    """The site's languages other than ``current``, in the switcher's order."""
    return [code for code, _name in settings.LANGUAGES if code != current]


def others_home(current):
    return [f"/{code}/" for code in others(current)]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("tail", ["el/", "el/test-directorate/", "en/no-such-page/"])
def test_the_language_switcher_of_a_missing_page_links_home(visitor, hostile, tail):
    # The raw path, as a server receives it (the test client would read "//host" as a host).
    path = (hostile if hostile.endswith("/") else hostile + "/") + tail
    path_info = re.sub("%([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), path)

    response = visitor.get("/", PATH_INFO=path_info)

    assert response.status_code == 404
    html = response.content.decode()
    assert_every_link_stays(html, ORIGIN + "/" + quote(path.lstrip("/\\ ")))
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    # Every other language's home page, and nothing else.
    assert hrefs(switcher) in (others_home("el"), others_home("en"))


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("/el/no-such-page/", "/en/"),
        ("/en/test-directorate/no-such-department/", "/el/"),
        ("/el/no/such/path/", "/en/"),
    ],
)
def test_the_language_switcher_of_a_page_that_is_not_there_links_home(visitor, path, other):
    response = visitor.get(path)
    assert response.status_code == 404
    switcher = response.content.decode().split('class="language-switcher"')[1]
    links = hrefs(switcher.split("</nav>")[0])
    # A path that resolves (a department slug that does not exist) keeps its place in the
    # other language; one that resolves nowhere goes to the other language's home page.
    current = path[1:3]
    assert links in (
        others_home(current),
        [path.replace(path[:4], f"/{code}/") for code in others(current)],
    )


@pytest.mark.parametrize("language", ["el", "en"])
def test_the_language_switcher_keeps_the_page_and_its_query(visitor, language):
    html = visitor.get(f"/{language}/search/", {"q": "//evil.example/"}).content.decode()
    assert_every_link_stays(html, f"{ORIGIN}/{language}/search/")
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert hrefs(switcher) == [
        f"/{code}/search/?q=%2F%2Fevil.example%2F" for code in others(language)
    ]
