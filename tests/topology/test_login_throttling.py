"""Login throttling behind nginx counts the client's address, the one nginx appended to
X-Forwarded-For, and never nginx's own: failures from elsewhere never lock a staff member out
of their own address, and a lockout is in force on both nodes (docs/scaling.md, the policy)."""

import pytest

pytestmark = pytest.mark.topology

FAILURE_LIMIT = 5  # DJANGO_LOGIN_FAILURE_LIMIT's default
LOCKED = 429


@pytest.fixture(scope="module")
def staff(stage):
    names = {"victim": "lock-victim", "shared": "lock-shared"}
    stage.create_staff(*names.values())
    yield names
    # Where the proxy's address is counted, these tests lock every login out for an hour:
    # the other tests' logins must not fail for that too.
    stage.manage("axes_reset")


def test_failures_from_other_addresses_never_lock_a_staff_member_out_of_their_own(stage, staff):
    # Guesses from many addresses, each with a forged X-Forwarded-For of its own choosing...
    for number in range(FAILURE_LIMIT + 1):
        visitor = stage.visitor()
        forged = {"X-Forwarded-For": f"203.0.113.{number}"}
        answer = stage.staff_login(visitor, staff["victim"], "wrong guess", headers=forged)
        assert answer.status == 200  # the form again, with its error
    # ...and as many from one address as it likes.
    attacker = stage.visitor()
    for number in range(FAILURE_LIMIT + 1):
        forged = {"X-Forwarded-For": f"198.51.100.{number}"}
        stage.staff_login(attacker, staff["victim"], "wrong guess", headers=forged)
    assert stage.staff_login(attacker, staff["victim"]).status == LOCKED

    at_work = stage.visitor()
    assert stage.staff_login(at_work, staff["victim"]).status == 302
    assert at_work.get("/en/staff-office/").status == 200


def test_a_lockout_made_through_node_a_holds_on_node_b_for_that_address_only(stage, staff):
    address, elsewhere = stage.new_address(), stage.new_address()
    on_a = stage.nodes["a"].client(address)
    for _ in range(FAILURE_LIMIT):
        stage.staff_login(on_a, staff["shared"], "wrong guess")

    on_b = stage.nodes["b"].client(address)
    refused = stage.staff_login(on_b, staff["shared"])
    assert refused.status == LOCKED
    assert "sessionid" not in on_b.cookies

    assert stage.staff_login(stage.nodes["b"].client(elsewhere), staff["shared"]).status == 302
