"""directory.csv and the vCards: they parse, keep Greek intact, and are linked from the pages."""

import csv
import io

import pytest
import vobject

from opendata.vcard import fold
from serving.generation import content_generation
from tests.conftest import make_department, make_directorate

SOCIAL = "social-integration"
INTERCULTURALISM = f"/el/open-data/contacts/{SOCIAL}/interculturalism.vcf"


def read_csv(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("el", ["Διεύθυνση", "Τμήμα", "Προϊστάμενος/-η", "Τίτλος", "Email", "URL σελίδας"]),
        ("en", ["Directorate", "Department", "Head of department", "Title", "Email", "Page URL"]),
    ],
)
def test_directory_csv_has_one_row_per_department(client, seeded, language, header):
    response = client.get(f"/{language}/open-data/directory.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == header
    assert len(rows) == 1 + 4
    assert {len(row) for row in rows} == {6}
    for row in rows[1:]:
        assert row[5].startswith(f"https://integration.example.gov.gr/{language}/{SOCIAL}/")


def test_greek_csv_keeps_greek_names_and_titles(client, db):
    directorate = make_directorate()
    make_department(directorate, "alpha", name_el="Τμήμα «Άλφα», με κόμμα")
    rows = read_csv(client.get("/el/open-data/directory.csv"))
    assert rows[1] == [
        "Διεύθυνση Δοκιμών",
        "Τμήμα «Άλφα», με κόμμα",
        "Γιώργος Νικολάου",
        "Προϊστάμενος",
        "alpha@example.gov.gr",
        "https://integration.example.gov.gr/el/test-directorate/alpha/",
    ]


def test_directorate_page_links_to_the_csv(client, seeded):
    html = client.get(f"/en/{SOCIAL}/").content.decode()
    assert 'href="/en/open-data/directory.csv"' in html


def test_vcard_parses_with_greek_intact(client, seeded):
    response = client.get(INTERCULTURALISM)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    card = vobject.readOne(response.content.decode("utf-8"))
    department = seeded.departments.get(slug="interculturalism")
    assert card.version.value == "4.0"
    assert card.fn.value == department.name_el
    assert card.email.value == department.email
    assert card.org.value == [
        "Υπουργείο Μετανάστευσης και Ασύλου",
        seeded.name_el,
        department.name_el,
    ]
    assert department.head_name_el in card.note.value
    assert card.url.value == f"https://integration.example.gov.gr/el/{SOCIAL}/interculturalism/"


def test_vcard_lines_are_crlf_and_folded_at_75_octets(client, seeded):
    body = client.get(INTERCULTURALISM).content
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "the long ORG line is folded"
    for line in lines:
        line.decode("utf-8")  # no UTF-8 sequence is split across a fold


def test_vcard_escapes_commas_semicolons_and_newlines(client, db):
    directorate = make_directorate(name_el="Διεύθυνση; με ερωτηματικό")
    make_department(directorate, "alpha", name_el="Α, Β και Γ\\Δ")
    body = client.get("/el/open-data/contacts/test-directorate/alpha.vcf").content.decode()
    unfolded = body.replace("\r\n ", "")
    assert "FN;LANGUAGE=el:Α\\, Β και Γ\\\\Δ\r\n" in unfolded
    card = vobject.readOne(body)
    assert card.fn.value == "Α, Β και Γ\\Δ"
    assert card.org.value[1] == "Διεύθυνση; με ερωτηματικό"


def test_fold_never_splits_a_greek_letter():
    line = "NOTE:" + "Αρμοδιότητα " * 30
    folded = fold(line)
    chunks = folded.split(b"\r\n ")
    assert all(len(chunk) <= 75 for chunk in chunks)
    assert [chunk.decode("utf-8") for chunk in chunks]
    assert b"".join(chunks).decode("utf-8") == line


def test_english_vcard_is_in_english(client, seeded):
    card = vobject.readOne(
        client.get(INTERCULTURALISM.replace("/el/", "/en/")).content.decode("utf-8")
    )
    assert card.org.value[0] == "Ministry of Migration and Asylum"
    assert card.fn.value == seeded.departments.get(slug="interculturalism").name_en


def test_unknown_department_vcard_is_404(client, seeded):
    assert client.get(f"/el/open-data/contacts/{SOCIAL}/nothing.vcf").status_code == 404


def test_department_page_links_to_its_vcard_next_to_the_email(client, seeded):
    html = client.get(f"/el/{SOCIAL}/interculturalism/").content.decode()
    assert f'href="{INTERCULTURALISM}"' in html


def test_directory_csv_is_one_query_however_many_departments(client, db, django_assert_num_queries):
    directorate = make_directorate()
    for number in range(6):
        make_department(directorate, f"dept-{number}", order=number)
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(1):
        rows = read_csv(client.get("/el/open-data/directory.csv"))
    assert len(rows) == 7


def test_english_csv_and_vcards_call_a_departments_head_head(client, seeded):
    """Departments keep "Head"; only a directorate's head is its "Director"."""
    rows = read_csv(client.get("/en/open-data/directory.csv"))
    assert {row[3] for row in rows[1:]} == {"Head"}
    card = vobject.readOne(
        client.get(INTERCULTURALISM.replace("/el/", "/en/")).content.decode("utf-8")
    )
    assert card.note.value == "Head: Fani Keramida"
