"""The directorate page's department sections, written in Python ({% department_sections %}).

The snapshots hold the seed in Greek and English; these cover what the seed does not: a
department without head or email, texts shown in another language on a French page, and
markup characters in a text.
"""

import re

import pytest

from tests.conftest import make_department, make_directorate

PAGE = "/{lang}/test-directorate/"


def section(html, slug):
    """The <section> of department ``slug`` on the directorate page."""
    return re.search(rf'<section class="department" id="{slug}".*?</section>', html, re.S).group()


@pytest.fixture
def directorate(db):
    directorate = make_directorate()
    make_department(directorate, "plain", order=1)
    make_department(directorate, "no-contact", order=2, head_name_el="", head_name_en="", email="")
    make_department(
        directorate, "marked-up", order=3, name_el="Τμήμα <Α> & «Β»", name_fr="Service <A> & 'B'"
    )
    return directorate


def test_a_department_without_head_or_email_has_no_contact_line(client, directorate):
    html = client.get(PAGE.format(lang="en")).content.decode()

    assert 'id="dept-no-contact-contact"' not in section(html, "no-contact")
    assert 'id="dept-plain-contact"' in section(html, "plain")


def test_a_department_with_email_links_its_vcard(client, directorate):
    html = client.get(PAGE.format(lang="en")).content.decode()

    assert (
        '<a href="/en/open-data/contacts/test-directorate/plain.vcf" type="text/vcard" download>'
        "Add to contacts (vCard)</a>"
    ) in section(html, "plain")
    assert '<a href="mailto:plain@example.gov.gr" dir="ltr">plain@example.gov.gr</a>' in section(
        html, "plain"
    )


def test_a_french_page_marks_the_english_shown_in_place_of_a_missing_french_name(
    client, directorate
):
    html = client.get(PAGE.format(lang="fr")).content.decode()

    heading = re.search(r"<h3 .*?</h3>", section(html, "plain")).group()
    assert '<a href="/fr/test-directorate/plain/" lang="en">Department plain</a>' in heading
    assert '<span lang="en">Giorgos Nikolaou</span>' in section(html, "plain")


def test_markup_in_a_department_name_is_shown_as_text(client, directorate):
    html = client.get(PAGE.format(lang="fr")).content.decode()

    heading = re.search(r"<h3 .*?</h3>", section(html, "marked-up")).group()
    assert ">Service &lt;A&gt; &amp; &#x27;B&#x27;</a>" in heading
    assert "<A>" not in section(html, "marked-up")
