"""Under the strict Content-Security-Policy, a real browser blocks nothing on the public pages
and the admin keeps working (its language tabs are built by JavaScript)."""

import pytest
from django.contrib.auth import get_user_model

PASSWORD = "a-long-test-password-0123"


def collect_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.mark.parametrize(
    "path", ["/el/", "/en/social-integration/", "/el/social-integration/interculturalism/"]
)
def test_public_pages_trigger_no_csp_violation(page, site, path):
    violations = collect_violations(page)
    response = page.goto(f"{site}{path}")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_admin_change_form_works_under_the_policy(page, site):
    get_user_model().objects.create_superuser("editor", "editor@example.gov.gr", PASSWORD)
    violations = collect_violations(page)
    page.goto(f"{site}/en/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/en/admin/")

    page.goto(f"{site}/en/admin/departments/department/")
    page.get_by_role("link", name="Department of Interculturalism").click()
    page.wait_for_load_state("networkidle")
    # modeltranslation's JavaScript turns the language fields into tabs.
    assert page.locator(".ui-tabs-nav").count() > 0
    assert violations == []
