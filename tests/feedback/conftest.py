import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Each test starts with no submissions counted (the cache may be a shared Redis)."""
    cache.clear()
    yield
    cache.clear()
