"""An uncached page costs the same few queries whatever the amount of content (stored fragments
or not)."""

import pytest
from django.utils import translation

from serving import validators
from serving.generation import content_generation
from tests.conftest import make_department, make_directorate, make_viber_community


def _grow(directorate, departments, competences):
    for number in range(1, departments + 1):
        make_department(directorate, f"dept-{number}", order=number, competences=competences)


@pytest.fixture
def small(db):
    make_viber_community()
    with translation.override("el"):
        directorate = make_directorate()
        _grow(directorate, departments=1, competences=1)
    return directorate


@pytest.fixture
def large(db):
    make_viber_community()
    with translation.override("el"):
        directorate = make_directorate()
        _grow(directorate, departments=12, competences=20)
    return directorate


@pytest.mark.parametrize("content", ["small", "large"])
@pytest.mark.parametrize("language", ["el", "en"])
def test_uncached_directorate_page_takes_one_query_from_its_stored_fragments(
    client, request, content, language, django_assert_num_queries
):
    directorate = request.getfixturevalue(content)
    url = f"/{language}/{directorate.slug}/"
    client.get(url)  # the Viber block and the page's fragments, once per content generation
    with django_assert_num_queries(1):  # the directorate; its departments are in the fragments
        response = client.get(url)
    assert response.status_code == 200
    assert "ETag" not in response  # the page cache is off in this test


@pytest.mark.parametrize("content", ["small", "large"])
def test_a_directorate_page_built_from_nothing_stored_takes_four_queries(
    client, request, content, django_assert_num_queries
):
    directorate = request.getfixturevalue(content)
    url = f"/el/{directorate.slug}/"
    client.get(url)  # the Viber block, stored
    # Nothing stored is read: the directorate, departments, competences and the Viber block.
    with validators.uncached(), django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200


def test_the_first_render_after_a_change_adds_only_the_viber_query(
    client, large, django_assert_num_queries
):
    content_generation()  # a save leaves the new version in the cache (an empty cache reads it)
    with django_assert_num_queries(4):
        response = client.get(f"/el/{large.slug}/")
    assert "Κοινότητα Viber" in response.content.decode()


@pytest.mark.parametrize("content", ["small", "large"])
def test_uncached_department_page_takes_two_queries(
    client, request, content, django_assert_num_queries
):
    directorate = request.getfixturevalue(content)
    url = directorate.departments.first().get_absolute_url()
    client.get(url)
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("content", ["small", "large"])
def test_uncached_home_page_takes_three_queries(
    client, request, content, django_assert_num_queries
):
    request.getfixturevalue(content)
    client.get("/en/")
    with django_assert_num_queries(3):
        assert client.get("/en/").status_code == 200
