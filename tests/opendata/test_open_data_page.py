"""The human-readable open-data page in every language, and the footer link to it."""

import re

import pytest
from django.conf import settings
from django.utils.translation import get_language_info

from tests.helpers import greek_letters, text_outside_lang


@pytest.mark.parametrize(
    ("language", "heading"), [("el", "Ανοικτά δεδομένα και API"), ("en", "Open data and API")]
)
def test_open_data_page_documents_the_api_and_downloads(client, seeded, language, heading):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'href="/api/v1/openapi.json"' in html
    assert f'href="/{language}/open-data/directory.csv"' in html
    assert "https://integration.example.gov.gr/api/v1/departments" in html


def test_english_open_data_page_has_no_greek_letters(client, seeded):
    html = client.get("/en/open-data/").content.decode()
    assert greek_letters(text_outside_lang(html, "el")) == []


@pytest.mark.parametrize("language", ["el", "en"])
def test_footer_links_to_the_open_data_page(client, seeded, language):
    html = client.get(f"/{language}/social-integration/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert f'href="/{language}/open-data/"' in footer


def test_example_link_on_the_page_works(client, seeded):
    html = client.get("/en/open-data/").content.decode()
    department = seeded.departments.order_by("order").first()
    example = f"/api/v1/departments/{department.pk}?lang=en"
    assert f'href="{example}"' in html
    assert client.get(example).status_code == 200


@pytest.mark.parametrize("page_language", ["el", "en", "ar", "fr"])
def test_the_page_links_the_csv_and_feed_of_every_language(client, seeded, page_language):
    html = client.get(f"/{page_language}/open-data/").content.decode()
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        csv_link = f'<a href="/{code}/open-data/directory.csv" hreflang="{code}" type="text/csv"'
        feed_link = (
            f'<a href="/{code}/open-data/changes.atom" hreflang="{code}" '
            'type="application/atom+xml">'
        )
        assert csv_link in html
        assert feed_link in html
        direction = ' dir="rtl"' if info["bidi"] else ""
        assert f'<span lang="{code}"{direction} translate="no">{info["name_local"]}</span>' in html


def test_every_language_file_the_page_links_is_served(client, seeded):
    html = client.get("/fr/open-data/").content.decode()
    links = re.findall(r'href="(/[a-z]+/open-data/(?:directory\.csv|changes\.atom))"', html)
    assert len(set(links)) == 2 * len(settings.LANGUAGES)
    for link in set(links):
        assert client.get(link).status_code == 200


def test_the_page_says_lang_accepts_every_site_language(client, seeded):
    html = client.get("/en/open-data/").content.decode()
    codes = ", ".join(code for code, _name in settings.LANGUAGES)
    assert f"<code>{codes}</code>" in html
    assert "<code>text_languages</code>" in html


@pytest.mark.parametrize("language", ["el", "ar", "uk"])
def test_the_page_costs_one_query_in_every_language(
    client, seeded, django_assert_num_queries, language
):
    with django_assert_num_queries(1):
        assert client.get(f"/{language}/open-data/").status_code == 200
