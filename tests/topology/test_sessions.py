"""Staff sessions, CSRF tokens and the two-factor login are shared by the nodes: a login on one
node is valid on the other, with two-factor authentication on too."""

import pytest
from django_otp.oath import totp

from tests.topology import admin
from tests.topology.stage import ADMIN_PATH, ADMIN_USER
from tests.topology.webclient import csrf_token

pytestmark = pytest.mark.topology

ADMIN_HOME = f"/en/{ADMIN_PATH}/"


def test_a_login_on_node_a_is_valid_on_node_b_and_its_forms_post_on_either(stage):
    pk, _path = stage.department()
    address = stage.new_address()
    on_a = stage.nodes["a"].client(address)
    assert stage.staff_login(on_a).status == 302

    on_b = stage.nodes["b"].client(address, cookies=dict(on_a.cookies))
    home = on_b.get(ADMIN_HOME)
    assert home.status == 200 and ADMIN_USER in home.text

    # A form opened on B (its CSRF token) is saved on A, and the other way round.
    form = on_b.get(admin.change_path("department", pk))
    on_a.cookies = dict(on_b.cookies)
    assert admin.edit(on_a, "department", pk, {}).status == 302
    on_b.cookies = dict(on_a.cookies)
    token = csrf_token(form.text)
    logout = on_b.post(f"{ADMIN_HOME}logout/", {"csrfmiddlewaretoken": token})
    assert logout.status in (200, 302)
    assert on_a.get(ADMIN_HOME).status == 302  # the session ended for both nodes


@pytest.fixture(scope="module")
def two_factor_nodes(stage):
    """Two more nodes with DJANGO_STAFF_2FA_REQUIRED=true, sharing the stage's database."""
    nodes = [stage.extra_node(name, DJANGO_STAFF_2FA_REQUIRED="true") for name in ("c", "d")]
    yield nodes
    for node in nodes:
        node.process.stop()


@pytest.fixture(scope="module")
def totp_key(stage):
    """A staff user with a confirmed authenticator; the authenticator's key."""
    stage.create_staff("two-factor")
    return stage.shell(
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "user = get_user_model().objects.get(username='two-factor')\n"
        "print(TOTPDevice.objects.create(user=user, name='phone', confirmed=True).key)"
    )


def test_a_two_factor_login_on_one_node_is_valid_on_the_other(stage, two_factor_nodes, totp_key):
    node_c, node_d = two_factor_nodes
    address = stage.new_address()
    on_c = node_c.client(address)

    assert stage.staff_login(on_c, "two-factor").status == 200  # no code: the form again
    code = f"{totp(bytes.fromhex(totp_key)):06d}"
    assert stage.staff_login(on_c, "two-factor", otp_token=code).status == 302

    on_d = node_d.client(address, cookies=dict(on_c.cookies))
    home = on_d.get(ADMIN_HOME)
    assert home.status == 200 and "two-factor" in home.text
