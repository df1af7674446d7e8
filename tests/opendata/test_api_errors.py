"""Bad input gets a 4xx JSON error of one shape, never a 500 or an HTML page."""

import json

import pytest

API = "/api/v1"


def error_of(response):
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert set(document) == {"error"}
    assert set(document["error"]) == {"code", "message"}
    return document["error"]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        (f"{API}/directorates?lang=de", 400, "unsupported_language"),
        (f"{API}/directorates?lang=fr-ca", 400, "unsupported_language"),
        (f"{API}/directorates?lang=", 400, "unsupported_language"),
        (f"{API}/directorates?lang=EL", 400, "unsupported_language"),
        (f"{API}/directorates?lang=el&lang=en", 400, "malformed_parameter"),
        (f"{API}/departments?page=2", 400, "unknown_parameter"),
        (f"{API}/openapi.json?lang=el", 400, "unknown_parameter"),
        (f"{API}/directorates/no-such-directorate", 404, "not_found"),
        (f"{API}/departments/999999", 404, "not_found"),
        (f"{API}/departments/99999999999999999999999999", 404, "not_found"),
        (f"{API}/departments/abc", 404, "not_found"),
        (f"{API}/departments/-1", 404, "not_found"),
        (f"{API}/directorates/%C3%A9", 404, "not_found"),
        (f"{API}/departments/", 404, "not_found"),
        (f"{API}", 404, "not_found"),
        ("/api/v2/departments", 404, "not_found"),
        ("/api/", 404, "not_found"),
        ("/api/anything/at/all", 404, "not_found"),
        (f"{API}/directorates/%0A%C3%AF", 404, "not_found"),
        ("/api/%0A", 404, "not_found"),
    ],
)
def test_bad_request_gets_a_json_error(client, db, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert error_of(response)["code"] == code


def test_unknown_language_message_names_every_accepted_code(client, db, settings):
    error = error_of(client.get(f"{API}/departments?lang=de"))
    codes = ", ".join([*(code for code, _name in settings.LANGUAGES), "all"])
    assert codes in error["message"]


def test_error_message_is_in_english_when_english_was_asked(client, db):
    english = error_of(client.get(f"{API}/departments?lang=en&page=1"))
    greek = error_of(client.get(f"{API}/departments?page=1"))
    assert english["message"] == "Unknown query parameter: page."
    assert english["message"] != greek["message"]


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "text/csv, text/plain"])
def test_unsupported_accept_gets_406(client, db, accept):
    response = client.get(f"{API}/departments", headers={"Accept": accept})
    assert response.status_code == 406
    assert error_of(response)["code"] == "not_acceptable"


@pytest.mark.parametrize(
    "accept", ["application/json", "*/*", "application/*", "text/html, */*;q=0.1"]
)
def test_json_compatible_accept_is_served(client, db, accept):
    assert client.get(f"{API}/departments", headers={"Accept": accept}).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_get_405_with_allow(client, db, method):
    response = getattr(client, method)(f"{API}/departments")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert error_of(response)["code"] == "method_not_allowed"


def test_head_answers_like_get_without_body(client, seeded):
    response = client.head(f"{API}/directorates")
    assert response.status_code == 200
    assert response["ETag"] == client.get(f"{API}/directorates")["ETag"]
