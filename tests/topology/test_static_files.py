"""nginx serves the collected static files itself, fingerprinted ones as immutable."""

import re

import pytest

pytestmark = pytest.mark.topology


def test_nginx_serves_the_pages_stylesheet_from_disk_as_immutable(stage):
    visitor = stage.visitor()
    page = visitor.get("/en/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text).group(1)

    response = visitor.get(stylesheet)

    assert response.status == 200
    assert response.header("Content-Type") == "text/css"
    assert "immutable" in response.header("Cache-Control")
    assert response.header("X-Content-Type-Options") == "nosniff"
    # (By path, not by a count of lines: a node may still be logging the page when this runs.)
    assert not any(
        stylesheet in line for node in stage.nodes.values() for line in node.access_log()
    )
