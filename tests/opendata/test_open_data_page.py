"""The human-readable open-data page in both languages, and the footer link to it."""

import pytest

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
