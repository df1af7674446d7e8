import pytest

pytestmark = pytest.mark.topology


def test_the_home_page_is_served_through_nginx(stage):
    response = stage.visitor().get("/en/")
    assert response.status == 200, response.text[:500]
