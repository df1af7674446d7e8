"""Editors edit content and nothing else; the first administrator is created by a command."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from tests.staff.admin_forms import change_url


def test_the_editors_group_holds_only_content_permissions(db):
    permissions = set(
        Group.objects.get(name="Editors").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    models = ("directorate", "department", "competence", "vibercommunity")
    expected = {
        ("departments", f"{action}_{model}")
        for model in models
        for action in ("add", "change", "delete", "view")
    } | {("departments", f"view_historical{model}") for model in models}
    # The drafts' pending page (issue 12); publishing drafts is the Publishers' right.
    expected |= {("departments", "view_draft"), ("departments", "view_draftevent")}
    assert permissions == expected


def test_the_publishers_group_adds_publishing_drafts_to_the_editors_rights(db):
    def permissions(name):
        return set(
            Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )

    assert permissions("Publishers") == permissions("Editors") | {("departments", "publish_draft")}


@pytest.mark.parametrize(
    "url",
    [
        "/el/admin/auth/user/",
        "/el/admin/auth/group/",
        "/el/admin/auth/user/add/",
        "/el/admin/axes/accessattempt/",
        "/el/admin/otp_totp/totpdevice/",
    ],
)
def test_an_editor_is_refused_people_and_security_settings(editor_client, url):
    assert editor_client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/el/admin/auth/user/",
        "/el/admin/auth/group/",
        "/el/admin/auth/user/add/",
        "/el/admin/axes/accessattempt/",
        "/el/admin/otp_totp/totpdevice/",
    ],
)
def test_a_publisher_is_refused_people_and_security_settings(client, editor, url):
    editor.groups.set([Group.objects.get(name="Publishers")])
    client.force_login(editor)
    assert client.get(url).status_code == 403


def test_an_editor_opens_content_and_its_history(editor_client, department):
    assert editor_client.get(change_url(department)).status_code == 200
    history = f"/el/admin/departments/department/{department.pk}/history/"
    assert editor_client.get(history).status_code == 200


def test_create_admin_reads_the_environment(db, monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_USERNAME", "admin")
    monkeypatch.setenv("DJANGO_ADMIN_EMAIL", "admin@example.gov.gr")
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "a long and unusual passphrase")

    call_command("create_admin", "--no-input")
    call_command("create_admin", "--no-input")  # every deployment runs it; nothing changes

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("a long and unusual passphrase")


def test_create_admin_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_USERNAME", "admin")
    monkeypatch.setenv("DJANGO_ADMIN_EMAIL", "admin@example.gov.gr")
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "12345678")

    with pytest.raises(CommandError, match="too short"):
        call_command("create_admin", "--no-input")
    assert not get_user_model().objects.exists()


def test_create_admin_without_the_environment_and_without_input_fails(db, monkeypatch):
    for name in ("DJANGO_ADMIN_USERNAME", "DJANGO_ADMIN_EMAIL", "DJANGO_ADMIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(CommandError, match="DJANGO_ADMIN_PASSWORD"):
        call_command("create_admin", "--no-input")


def test_create_admin_asks_when_interactive(db, monkeypatch):
    for name in ("DJANGO_ADMIN_USERNAME", "DJANGO_ADMIN_EMAIL", "DJANGO_ADMIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    answers = iter(["maria", "maria@example.gov.gr"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a long and unusual passphrase")

    call_command("create_admin")

    assert get_user_model().objects.get(username="maria").is_superuser
