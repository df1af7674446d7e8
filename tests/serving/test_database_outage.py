"""When the database stops answering: cached pages still served, others a 503 in the visitor's
language, and everything back to normal as soon as it answers again, without a restart.

These tests make every query fail the way an unreachable server does (OperationalError). The
real thing, a gunicorn pointed at a closed port, is in test_gunicorn.py.
"""

from unittest import mock

import pytest
from django.db import OperationalError

from tests.conftest import make_department, make_directorate


def database_down():
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused (simulated)"),
    )


@pytest.fixture
def directorate(db):
    directorate = make_directorate()
    make_department(directorate, "alpha")
    return directorate


def test_uncached_page_is_a_greek_503_page(visitor, directorate):
    with database_down():
        response = visitor.get(f"/el/{directorate.slug}/")
    html = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="el">' in html
    assert "Η υπηρεσία είναι προσωρινά μη διαθέσιμη" in html
    assert "Traceback" not in html
    assert response["Retry-After"] == "30"


def test_english_visitors_get_the_503_page_in_english(visitor, directorate):
    with database_down():
        response = visitor.get(f"/en/{directorate.slug}/alpha/")
    assert response.status_code == 503
    assert "Service temporarily unavailable" in response.content.decode()


def test_the_api_answers_an_outage_with_its_json_error_shape(visitor, directorate):
    with database_down():
        response = visitor.get("/api/v1/departments?lang=en")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "service_unavailable"
    assert "temporarily unavailable" in response.json()["error"]["message"]
    assert response["Retry-After"] == "30"


def test_the_api_outage_json_is_byte_for_byte_the_api_error_shape(visitor, directorate):
    with database_down():
        greek = visitor.get("/api/v1/departments")
        english = visitor.get("/api/v1/departments?lang=en")
    message = "The service is temporarily unavailable. Please try again shortly."
    assert english.content == (
        b'{"error": {"code": "service_unavailable", "message": "' + message.encode() + b'"}}'
    )
    assert greek.content.startswith(b'{"error": {"code": "service_unavailable", "message": "')
    assert "\\u" not in greek.content.decode()  # Greek text as is, not escaped
    assert greek["Cache-Control"] == english["Cache-Control"] == "no-store"


def test_cached_pages_are_still_served(visitor, directorate, page_cache):
    visitor.get(f"/en/{directorate.slug}/")
    with database_down():
        response = visitor.get(f"/en/{directorate.slug}/")
        uncached = visitor.get(f"/en/{directorate.slug}/alpha/")
    assert response.status_code == 200
    assert "Directorate of Testing" in response.content.decode()
    assert uncached.status_code == 503


def test_the_site_recovers_when_the_database_returns(visitor, directorate):
    with database_down():
        assert visitor.get(f"/el/{directorate.slug}/").status_code == 503
    response = visitor.get(f"/el/{directorate.slug}/")
    assert response.status_code == 200
    assert "Διεύθυνση Δοκιμών" in response.content.decode()


def test_readiness_follows_the_database(visitor, db):
    with database_down():
        assert visitor.get("/readyz").status_code == 503
    assert visitor.get("/readyz").status_code == 200


def test_liveness_does_not_depend_on_the_database(visitor, db):
    with database_down():
        response = visitor.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_other_server_errors_are_still_a_500(visitor, db):
    with mock.patch("departments.views.HomeView.get_queryset", side_effect=RuntimeError("a bug")):
        response = visitor.get("/en/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
