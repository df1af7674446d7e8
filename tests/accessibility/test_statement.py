"""The accessibility statement: both languages, the parts the law asks for, linked everywhere."""

import pytest


@pytest.mark.parametrize(
    ("lang", "heading", "sections"),
    [
        (
            "el",
            "Δήλωση προσβασιμότητας",
            [
                "Κατάσταση συμμόρφωσης",
                "Γνωστοί περιορισμοί",
                "Υποβολή παρατηρήσεων",
                "26 Νοεμβρίου 2026",
            ],
        ),
        (
            "en",
            "Accessibility statement",
            ["Compliance status", "Known limitations", "Feedback and contact", "26 November 2026"],
        ),
    ],
)
def test_statement_has_status_limitations_contact_and_date(client, db, lang, heading, sections):
    response = client.get(f"/{lang}/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    for section in sections:
        assert section in html


@pytest.mark.parametrize("url", ["/el/", "/en/social-integration/", "/en/no-such-page/"])
def test_every_page_links_the_statement_from_its_footer(client, seeded, url):
    html = client.get(url).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    lang = url.split("/")[1]
    assert f'href="/{lang}/accessibility/"' in footer
