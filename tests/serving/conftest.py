"""Fixtures for the serving tests: the page cache switched on, and a client that sees 5xx."""

import pytest
from django.test import Client


@pytest.fixture
def page_cache(settings):
    """The page cache as production runs it (the rest of the suite runs without it)."""
    settings.SERVING_PAGE_CACHE = True
    return settings


@pytest.fixture
def visitor():
    """A client that answers as the server would instead of raising the view's exception."""
    return Client(raise_request_exception=False)
