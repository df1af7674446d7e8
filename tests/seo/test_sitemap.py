"""sitemap.xml and robots.txt, parsed as a crawler reads them."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ORIGIN = "https://integration.example.gov.gr"
PAGES = [
    "/{lang}/",
    "/{lang}/accessibility/",
    "/{lang}/open-data/",
    "/{lang}/social-integration/",
    "/{lang}/social-integration/integration-policy-and-programme-design/",
    "/{lang}/social-integration/interculturalism/",
    "/{lang}/social-integration/socio-economic-integration/",
    "/{lang}/social-integration/support-for-beneficiaries-of-international-protection/",
]

LANGS = [code for code, _name in settings.LANGUAGES]


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        lastmod = url.find("s:lastmod", NS)
        entries[url.find("s:loc", NS).text] = {
            "alternates": alternates,
            "lastmod": lastmod.text if lastmod is not None else None,
        }
    return entries


def test_sitemap_lists_every_public_page_in_every_language(client, seeded):
    expected = {ORIGIN + page.format(lang=lang) for page in PAGES for lang in LANGS}
    assert set(sitemap_entries(client)) == expected


def test_sitemap_leaves_out_probes_search_feedback_and_the_api(client, seeded):
    paths = " ".join(sitemap_entries(client))
    for excluded in ("/healthz", "/readyz", "/search/", "/feedback/", "/api/", "/admin/"):
        assert excluded not in paths


@pytest.mark.parametrize("page", PAGES)
def test_each_sitemap_entry_has_reciprocal_hreflang_alternates_and_x_default(client, seeded, page):
    entries = sitemap_entries(client)
    every = {code: ORIGIN + page.format(lang=code) for code in LANGS}
    neutral = ORIGIN + page.format(lang="").replace("//", "/", 1)
    for loc in every.values():
        assert entries[loc]["alternates"] == {**every, "x-default": neutral}


def test_directorate_lastmod_follows_its_newest_competence(client, seeded):
    competence = seeded.departments.first().competences.first()
    competence.text_el = "Νέο κείμενο."
    competence.save()
    competence.refresh_from_db()
    entry = sitemap_entries(client)[f"{ORIGIN}/el/social-integration/"]
    # The date in the site's time zone (Europe/Athens), as the sitemap writes it: around
    # midnight in Athens the UTC date is still the day before.
    assert entry["lastmod"] == timezone.localtime(competence.updated_at).strftime("%Y-%m-%d")


def test_sitemap_urls_come_from_site_origin_not_the_host_header(client, seeded, settings):
    settings.ALLOWED_HOSTS = ["evil.example.com", "localhost"]
    response = client.get("/sitemap.xml", HTTP_HOST="evil.example.com")
    assert b"evil.example.com" not in response.content
    assert ORIGIN.encode() in response.content


def test_x_default_address_redirects_by_accept_language(client, seeded):
    response = client.get("/social-integration/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/social-integration/"


def test_robots_txt_points_to_the_sitemap_and_does_not_reveal_the_admin(client, db, settings):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    lines = text.splitlines()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    # noindex pages (search, feedback) must stay fetchable for crawlers to see their noindex.
    assert [line for line in lines if line.startswith("Disallow:")] == ["Disallow:"]
    assert settings.ADMIN_PATH not in text


def test_sitemap_query_count_does_not_grow_with_content(client, seeded, django_assert_num_queries):
    from tests.conftest import make_department, make_directorate

    # Directorates (with departments and competences: 3 queries), departments (2 queries).
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")
    other = make_directorate(slug="another")
    for number in range(3):
        make_department(other, f"extra-{number}", order=number)
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")


def test_sitemap_queries_do_not_depend_on_the_number_of_languages(
    client, seeded, settings, django_assert_num_queries
):
    with django_assert_num_queries(5):
        every = sitemap_entries(client)
    settings.LANGUAGES = settings.LANGUAGES[:2]
    with django_assert_num_queries(5):
        two = sitemap_entries(client)
    assert len(every) == len(LANGS) * len(PAGES)
    assert len(two) == 2 * len(PAGES)
