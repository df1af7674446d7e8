"""schemathesis generates requests from the OpenAPI document and checks every response against it.

All of schemathesis's checks run (status codes, content types, headers and bodies conform; valid
input is accepted, invalid input rejected; no 5xx), against the WSGI application in-process.
The examples are bounded and derandomized, so the run is repeatable and takes well under a
minute. ``make api-fuzz`` explores further: many more examples, freshly random each run.
"""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from opendata.openapi import openapi_document
from tests.conftest import make_department, make_directorate

# Set by `make api-fuzz`; the suite's own run is small and repeatable.
FUZZ_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "0"))

schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = get_wsgi_application()


@pytest.fixture
def api_content(db, settings):
    """Two departments (one without head or email), served to schemathesis's host name."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    directorate = make_directorate()
    make_department(directorate, "alpha")
    make_department(directorate, "beta", order=2, email="", head_name_el="", head_name_en="")
    # As Django's test client does: the WSGI handler would otherwise close the test's
    # database connection (and its transaction) at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_served_document_is_the_one_tested(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.content) == openapi_document()


@schema.parametrize()
@hypothesis_settings(
    max_examples=FUZZ_EXAMPLES or 30,
    derandomize=not FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case, api_content):
    case.call_and_validate()
