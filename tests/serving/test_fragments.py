"""serving/fragments.py: the key of a stored fragment, and the request memo."""

from django.test import RequestFactory
from django.urls import set_script_prefix
from django.utils import translation

from serving import fragments, validators


def _key(name="part", *parts, generation="7"):
    return fragments.fragment_key(generation, name, *parts)


def test_a_fragment_key_names_generation_language_prefix_name_and_parts(settings):
    with translation.override("el"):
        greek = _key("part", "departments.directorate", 1)
        assert greek == _key("part", "departments.directorate", 1)
        assert greek != _key("part", "departments.directorate", 2)
        assert greek != _key("other", "departments.directorate", 1)
        assert greek != _key("part", "departments.directorate", 1, generation="8")
        settings.SITE_ORIGIN = "https://elsewhere.example"
        assert greek != _key("part", "departments.directorate", 1)
    settings.SITE_ORIGIN = "https://www.example.gov.gr"
    with translation.override("el"):
        greek = _key()
        set_script_prefix("/mounted/")
        try:
            assert greek != _key()
        finally:
            set_script_prefix("/")
    with translation.override("en"):
        assert greek != _key()


def test_stored_builds_once_per_generation_and_never_inside_uncached(db):
    request = RequestFactory().get("/")
    builds = []

    def build():
        builds.append(1)
        return f"<p>built {len(builds)}</p>"

    with translation.override("el"):
        assert fragments.stored(request, "test-part", build) == "<p>built 1</p>"
        assert fragments.stored(request, "test-part", build) == "<p>built 1</p>"
        with validators.uncached():
            assert fragments.stored(request, "test-part", build) == "<p>built 2</p>"
        assert fragments.stored(request, "test-part", build) == "<p>built 1</p>"
    assert len(builds) == 2


def test_the_request_memo_computes_once_per_request_and_key():
    first, second = RequestFactory().get("/"), RequestFactory().get("/")
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert fragments.remembered(first, "k", compute) == 1
    assert fragments.remembered(first, "k", compute) == 1
    assert fragments.remembered(second, "k", compute) == 2
    assert fragments.remembered(None, "k", compute) == 3  # no request: nothing remembered
