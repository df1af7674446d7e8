"""Every public page in Greek and English: status, content, language, links."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from departments.models import Competence, Directorate
from serving.generation import content_generation
from tests.conftest import make_department, make_directorate, make_viber_community
from tests.helpers import greek_letters, text_outside_lang

DIRECTORATE = "/{lang}/social-integration/"
DEPARTMENT = "/{lang}/social-integration/{slug}/"
SLUGS = [
    "integration-policy-and-programme-design",
    "interculturalism",
    "socio-economic-integration",
    "support-for-beneficiaries-of-international-protection",
]


def list_items(html, css_class="competences"):
    """Texts of the <li> elements inside each <ul class=css_class>, in page order."""
    lists = re.findall(rf'<ul class="{css_class}">(.*?)</ul>', html, flags=re.S)
    return [
        [re.sub(r"\s+", " ", li).strip() for li in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)]
        for block in lists
    ]


def competences_in_order(directorate, language):
    with translation.override(language):
        return [
            [str(c.text) for c in department.competences.order_by("order")]
            for department in directorate.departments.order_by("order")
        ]


@pytest.mark.parametrize("language", ["el", "en"])
def test_directorate_page_lists_all_29_competences_in_order(client, seeded, language):
    response = client.get(DIRECTORATE.format(lang=language))
    assert response.status_code == 200
    html = response.content.decode()
    from django.utils.html import escape

    expected = [
        [escape(text) for text in group] for group in competences_in_order(seeded, language)
    ]
    assert list_items(html) == expected
    assert sum(len(group) for group in expected) == 29


@pytest.mark.parametrize("language", ["el", "en"])
@pytest.mark.parametrize("index", range(4))
def test_department_page_lists_its_competences_in_order(client, seeded, language, index):
    from django.utils.html import escape

    response = client.get(DEPARTMENT.format(lang=language, slug=SLUGS[index]))
    assert response.status_code == 200
    expected = [escape(text) for text in competences_in_order(seeded, language)[index]]
    assert list_items(response.content.decode()) == [expected]


@pytest.mark.parametrize(
    "url",
    [DIRECTORATE.format(lang="en"), "/en/"] + [DEPARTMENT.format(lang="en", slug=s) for s in SLUGS],
)
def test_english_page_has_no_greek_letters_except_the_link_to_greek(client, seeded, url):
    html = client.get(url).content.decode()
    assert greek_letters(text_outside_lang(html, "el")) == []
    switcher = re.search(r'<a href="([^"]+)" hreflang="el" lang="el"[^>]*>Ελληνικά</a>', html)
    assert switcher and switcher.group(1) == url.replace("/en/", "/el/", 1)


def page_text(html):
    """The page's text without tags, with whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".").strip()


def element_text(html, element_id):
    """The text of the element with this id (its opening tag up to the first closing tag)."""
    match = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(2))).strip()


def test_greek_directorate_page_shows_mission_legal_basis_parent_unit_and_head(client, seeded):
    html = client.get(DIRECTORATE.format(lang="el")).content.decode()
    assert "<h1>Διεύθυνση Κοινωνικής Ένταξης</h1>" in html
    assert "επιχειρησιακό στόχο τον σχεδιασμό" in html
    assert "Άρθρο 23 του Π.Δ. 106/2020" in html
    assert "Γενική Διεύθυνση Μεταναστευτικής Πολιτικής" in html
    # The source's own sentence, not a label and a name.
    assert element_text(html, "director") == (
        "Προϊστάμενος της Διεύθυνσης Κοινωνικής Ένταξης είναι ο Αθανάσιος Βιτσεντζάτος."
    )
    assert "<dt>Προϊστάμενος</dt>" not in html


def test_english_directorate_page_names_its_director_in_a_sentence(client, seeded):
    html = client.get(DIRECTORATE.format(lang="en")).content.decode()
    assert element_text(html, "director") == (
        "The Director of the Directorate of Social Integration is Athanasios Vitsentzatos."
    )
    assert "Head: Athanasios" not in page_text(html)


def test_a_directorate_headed_by_a_woman_gets_the_feminine_greek_sentence(client, seeded):
    seeded.head_gender = "female"
    seeded.head_name_el = "Μαρία Παπαδοπούλου"
    seeded.save()
    html = client.get(DIRECTORATE.format(lang="el")).content.decode()
    assert element_text(html, "director") == (
        "Προϊσταμένη της Διεύθυνσης Κοινωνικής Ένταξης είναι η Μαρία Παπαδοπούλου."
    )


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("el", "<h2>Τα Τμήματα της Διεύθυνσης Κοινωνικής Ένταξης</h2>"),
        ("en", "<h2>Departments of the Directorate of Social Integration</h2>"),
    ],
)
def test_departments_heading_names_the_directorate(client, seeded, language, heading):
    html = client.get(DIRECTORATE.format(lang=language)).content.decode()
    assert heading in html


def test_departments_heading_uses_the_name_when_no_genitive_is_given(client, seeded):
    seeded.name_genitive_en = ""
    seeded.save()
    html = client.get(DIRECTORATE.format(lang="en")).content.decode()
    assert "<h2>Departments of the Directorate of Social Integration</h2>" in html


def test_department_heads_have_the_feminine_greek_title(client, seeded):
    html = client.get(DIRECTORATE.format(lang="el")).content.decode()
    for slug, name in zip(
        SLUGS, ["Ελένη Σιώπη", "Φανή Κεραμιδά", "Ιωάννα Γλύκου", "Ειρήνη Ντζόιδου"], strict=True
    ):
        assert element_text(html, f"dept-{slug}-contact").startswith(f"Προϊσταμένη: {name} ")


def test_english_department_heads_are_transliterated_with_the_title_head(client, seeded):
    html = client.get(DIRECTORATE.format(lang="en")).content.decode()
    contact = element_text(html, f"dept-{SLUGS[3]}-contact")
    assert contact.startswith("Head: Eirini Ntzoidou Email: dpt.ipbs@migration.gov.gr")


@pytest.mark.parametrize("language", ["el", "en", "ar", "fa", "fr", "uk", "sq"])
def test_department_emails_are_mailto_links(client, seeded, language):
    html = client.get(DIRECTORATE.format(lang=language)).content.decode()
    for email in ["dpt.sippp", "dpt.ic", "dpt.sei", "dpt.ipbs"]:
        address = f"{email}@migration.gov.gr"
        assert f'<a href="mailto:{address}" dir="ltr">{address}</a>' in html


@pytest.mark.parametrize(
    ("language", "section", "home"),
    [
        ("el", "Διοίκηση &amp; Επικοινωνία", "Αρχική"),
        ("en", "Administration &amp; Contact", "Home"),
    ],
)
def test_directorate_breadcrumb_shows_its_section(client, seeded, language, section, home):
    html = client.get(DIRECTORATE.format(lang=language)).content.decode()
    crumbs = re.search(r'<nav class="breadcrumb"[^>]*>(.*?)</nav>', html, re.S).group(1)
    labels = [
        re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", crumbs, re.S)
    ]
    assert labels[0] == home
    assert labels[1] == section
    assert 'aria-current="page"' in crumbs


def test_department_breadcrumb_links_back_to_its_directorate(client, seeded):
    html = client.get(DEPARTMENT.format(lang="en", slug="interculturalism")).content.decode()
    crumbs = re.search(r'<nav class="breadcrumb"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert '<a href="/en/social-integration/">Directorate of Social Integration</a>' in crumbs
    assert '<span aria-current="page">Department of Interculturalism</span>' in crumbs


def test_directorate_page_links_each_department_page(client, seeded):
    html = client.get(DIRECTORATE.format(lang="el")).content.decode()
    for slug in SLUGS:
        assert f'href="/el/social-integration/{slug}/"' in html


@pytest.mark.parametrize("language", ["el", "en"])
def test_directorate_page_shows_the_viber_block_with_qr_code_and_back_to_top(
    client, seeded, language
):
    html = client.get(DIRECTORATE.format(lang=language)).content.decode()
    assert 'href="https://bit.ly/MigrationViber"' in html
    assert '<svg role="img"' in html and "<title>" in html
    assert 'href="#top"' in html and 'id="top"' in html


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/el/social-integration/", "/en/social-integration/"),
        ("/en/social-integration/interculturalism/", "/el/social-integration/interculturalism/"),
        ("/el/", "/en/"),
    ],
)
def test_language_switcher_leads_to_the_same_page_in_the_other_language(
    client, seeded, path, target
):
    html = client.get(path).content.decode()
    assert re.search(
        rf'<a href="{re.escape(target)}" hreflang="\w\w" lang="\w\w" data-language-link>', html
    )


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("el-GR,el;q=0.9,en;q=0.5", "/el/"),
        ("", "/el/"),
        ("fr-FR", "/fr/"),
        ("fa-IR,fa;q=0.9,en;q=0.5", "/fa/"),
        ("uk", "/uk/"),
        ("sq-AL", "/sq/"),
        ("ar-SY,ar;q=0.9", "/ar/"),
        ("de-DE", "/el/"),
    ],
)
def test_root_redirects_by_accept_language_greek_by_default(client, db, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/el/no-such-page/", "Η σελίδα δεν βρέθηκε"),
        ("/en/no-such-page/", "Page not found"),
        ("/en/social-integration/no-such-department/", "Page not found"),
        ("/el/social-integration/no-such-department/", "Η σελίδα δεν βρέθηκε"),
    ],
)
def test_unknown_pages_get_a_404_in_the_visitors_language(client, seeded, url, heading):
    response = client.get(url)
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_missing_english_translation_shows_greek_marked_lang_el(client, db):
    directorate = make_directorate()
    department = make_department(directorate, "untranslated", name_en="")
    Competence.objects.filter(department=department, order=1).update(text_en="")
    html = client.get(department.get_absolute_url().replace("/el/", "/en/")).content.decode()
    assert '<h1 lang="el">Τμήμα untranslated</h1>' in html
    assert '<li id="competence-' in html
    assert re.search(r'<li id="competence-\d+" lang="el">Αρμοδιότητα 1 του untranslated</li>', html)
    assert re.search(r'<li id="competence-\d+">Competence 2 of untranslated</li>', html)


def _directorate_queries(client, directorate):
    cache.clear()  # a cold render: the Viber block is cached per content generation
    content_generation()  # as after any save: the content generation is in the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directorate.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_directorate_page_query_count_is_constant_as_content_grows(client, db):
    make_viber_community()
    with translation.override("el"):
        directorate = make_directorate()
        make_department(directorate, "first", order=1, competences=1)
        small = _directorate_queries(client, directorate)
        for number in range(2, 12):
            make_department(directorate, f"dept-{number}", order=number, competences=15)
        large = _directorate_queries(client, directorate)
    assert small == large
    assert large <= 4


def test_a_second_directorate_and_a_fifth_department_need_no_code_change(client, seeded):
    make_department(seeded, "fifth-department", order=5)
    other = make_directorate(slug="another-directorate")
    make_department(other, "its-department")
    home = client.get("/en/").content.decode()
    assert "Directorate of Testing" in home
    assert (
        "Department fifth-department" in client.get(DIRECTORATE.format(lang="en")).content.decode()
    )
    assert client.get("/en/another-directorate/its-department/").status_code == 200


def test_home_page_lists_the_directorate_and_its_departments(client, seeded):
    with translation.override("el"):
        html = client.get(reverse("departments:home")).content.decode()
    assert 'href="/el/social-integration/"' in html
    assert html.count('href="/el/social-integration/') >= 5
    assert Directorate.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "heading"), [("el", "Παρουσιάστηκε πρόβλημα"), ("en", "Something went wrong")]
)
def test_server_error_page_is_in_the_visitors_language_without_a_traceback(
    client, seeded, monkeypatch, language, heading
):
    from departments import views

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(views.DirectorateDetailView, "get_object", broken)
    client.raise_request_exception = False
    response = client.get(DIRECTORATE.format(lang=language))
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert "simulated failure" not in html and "Traceback" not in html
