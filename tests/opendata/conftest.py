"""Open-data tests start from an empty cache, so no response is served from an earlier test."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()
