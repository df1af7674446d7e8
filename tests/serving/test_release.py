"""A deploy that changes how pages render never serves what the old code stored."""

import pytest
from django.core.cache import cache
from django.utils import translation

from serving import fragments
from serving.generation import content_generation
from serving.release import code_revision


@pytest.fixture
def release(settings):
    """Switch the running code's revision, as a deploy of another image would."""

    def deploy(name):
        settings.SERVING_CODE_REVISION = name
        code_revision.cache_clear()

    yield deploy
    code_revision.cache_clear()


def _content_fragment_key(directorate):
    # The directorate page's <main> (breadcrumb, content, last updated), as stored on /en/.
    with translation.override("en"):
        return fragments.fragment_key(
            content_generation(), "directorate-main", "departments.directorate", directorate.pk
        )


def test_what_an_old_release_stored_is_not_served_by_the_new_one(client, seeded, release):
    release("release-1")
    url = f"/en/{seeded.slug}/"
    assert "Contact details" in client.get(url).content.decode()
    # Stand in for what release 1's templates rendered: the page shows what is stored.
    stored = {"html": "<p>Rendered by release 1</p>", "unreviewed": []}  # {% stored_fragment %}
    cache.set(_content_fragment_key(seeded), stored)
    assert "Rendered by release 1" in client.get(url).content.decode()

    release("release-2")

    page = client.get(url).content.decode()
    assert "Rendered by release 1" not in page
    assert "Contact details" in page


def test_without_a_setting_the_revision_is_a_digest_of_the_code(release):
    release("")
    revision = code_revision()
    assert len(revision) == 12 and revision == code_revision()
    release("abc123")
    assert code_revision() == "abc123"
