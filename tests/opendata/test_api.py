"""The JSON API: documents in each language, CORS, ETag and 304, and its query counts."""

import json

import pytest
from django.core.cache import cache

from serving.generation import content_generation
from tests.conftest import make_department, make_directorate

API = "/api/v1"


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/json"
    return response, json.loads(response.content)


def test_directorates_are_in_greek_by_default(client, seeded):
    response, document = get_json(client, f"{API}/directorates")
    assert response.status_code == 200
    assert document["lang"] == "el"
    [directorate] = document["data"]
    assert directorate["name"] == "Διεύθυνση Κοινωνικής Ένταξης"
    assert directorate["url"] == "https://integration.example.gov.gr/el/social-integration/"
    assert len(directorate["departments"]) == 4
    assert sum(len(d["competences"]) for d in directorate["departments"]) == 29


def test_english_document_has_english_names_and_pages(client, seeded):
    _, document = get_json(client, f"{API}/directorates/social-integration?lang=en")
    directorate = document["data"]
    assert directorate["name"] == "Directorate of Social Integration"
    assert all(
        d["url"].startswith("https://integration.example.gov.gr/en/")
        for d in directorate["departments"]
    )


def test_all_gives_greek_and_english_side_by_side(client, seeded):
    _, document = get_json(client, f"{API}/departments?lang=all")
    assert document["lang"] == "all"
    greek, english = document["data"]["el"], document["data"]["en"]
    assert [d["id"] for d in greek] == [d["id"] for d in english]
    assert greek[0]["name"] != english[0]["name"]
    assert greek[0]["head"]["title"] in ("Προϊσταμένη", "Προϊστάμενος")
    assert english[0]["head"]["title"] == "Head"


def test_department_has_head_email_ordered_competences_and_links(client, db):
    directorate = make_directorate()
    department = make_department(directorate, "alpha", competences=3)
    _, document = get_json(client, f"{API}/departments/{department.pk}")
    data = document["data"]
    assert data["head"] == {
        "name": "Γιώργος Νικολάου",
        "title": "Προϊστάμενος",
        "text_languages": {"name": "el"},
    }
    assert data["email"] == "alpha@example.gov.gr"
    assert [c["text"] for c in data["competences"]] == [
        f"Αρμοδιότητα {n} του alpha" for n in (1, 2, 3)
    ]
    assert data["url"] == "https://integration.example.gov.gr/el/test-directorate/alpha/"
    assert data["vcard_url"] == (
        "https://integration.example.gov.gr/el/open-data/contacts/test-directorate/alpha.vcf"
    )
    assert data["directorate"]["slug"] == "test-directorate"


def test_cors_is_open_for_reading(client, seeded):
    response = client.get(f"{API}/departments", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/departments",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_etag_answers_304_until_content_changes(client, seeded, django_capture_on_commit_callbacks):
    first = client.get(f"{API}/directorates")
    etag = first["ETag"]
    again = client.get(f"{API}/directorates", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    with django_capture_on_commit_callbacks(execute=True):
        seeded.name_el = "Νέο όνομα"
        seeded.save()
    changed = client.get(f"{API}/directorates", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert json.loads(changed.content)["data"][0]["name"] == "Νέο όνομα"


def test_the_etag_is_strong_and_a_weak_echo_of_it_gets_304_without_a_query(
    client, seeded, django_assert_num_queries
):
    etag = client.get(f"{API}/directorates")["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    with django_assert_num_queries(0):
        again = client.get(f"{API}/directorates", headers={"If-None-Match": f'"x", W/{etag}'})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, no-cache"


def test_etag_differs_by_language(client, seeded):
    greek = client.get(f"{API}/directorates?lang=el")["ETag"]
    english = client.get(f"{API}/directorates?lang=en")["ETag"]
    assert greek != english


def test_cached_response_reads_no_database(client, seeded, django_assert_num_queries):
    client.get(f"{API}/directorates")
    with django_assert_num_queries(0):
        assert client.get(f"{API}/directorates").status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (f"{API}/directorates", 3),
        (f"{API}/directorates/test-directorate", 3),
        (f"{API}/departments", 2),
        (f"{API}/departments?lang=all", 2),
    ],
)
def test_query_count_does_not_grow_with_content(
    client, db, django_assert_num_queries, url, queries
):
    directorate = make_directorate()
    make_department(directorate, "alpha", competences=1)
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(queries):
        client.get(url)
    for number in range(5):
        make_department(directorate, f"more-{number}", order=number + 2, competences=4)
    cache.clear()
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_department_detail_queries_do_not_grow_with_competences(
    client, db, django_assert_num_queries
):
    directorate = make_directorate()
    small = make_department(directorate, "alpha", competences=1)
    large = make_department(directorate, "beta", order=2, competences=12)
    content_generation()  # as after any save: the content generation is in the cache
    for department in (small, large):
        with django_assert_num_queries(2):
            assert client.get(f"{API}/departments/{department.pk}").status_code == 200


def test_departments_are_grouped_by_directorate_in_display_order(client, db):
    first = make_directorate(slug="first", order=1)
    second = make_directorate(slug="second", order=2)
    make_department(second, "second-a", order=1, competences=0)
    make_department(first, "first-b", order=2, competences=0)
    make_department(first, "first-a", order=1, competences=0)
    _, document = get_json(client, f"{API}/departments")
    assert [d["slug"] for d in document["data"]] == ["first-a", "first-b", "second-a"]


def test_if_none_match_star_is_304_only_for_what_exists(client, db):
    department = make_department(make_directorate(), "alpha")
    star = {"If-None-Match": "*"}
    assert client.get(f"{API}/departments/{department.pk}", headers=star).status_code == 304
    assert client.get(f"{API}/departments/{department.pk + 1}", headers=star).status_code == 404


def test_the_directorates_head_is_its_director_and_a_departments_its_head(client, seeded):
    _, document = get_json(client, f"{API}/directorates/social-integration?lang=all")
    greek, english = document["data"]["el"], document["data"]["en"]
    assert english["head"] == {
        "name": "Athanasios Vitsentzatos",
        "title": "Director",
        "text_languages": {"name": "en"},
    }
    assert greek["head"] == {
        "name": "Αθανάσιος Βιτσεντζάτος",
        "title": "Προϊστάμενος",
        "text_languages": {"name": "el"},
    }
    assert {d["head"]["title"] for d in english["departments"]} == {"Head"}
