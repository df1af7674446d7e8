"""Staff preferences in the admin (staff/preference_admin.py): everyone sets the language of
their own e-mail, nobody else's; superusers set anyone's in the user admin."""

import pytest
from django.contrib.auth import get_user_model

from staff.models import StaffPreference

PREFERENCES = "/el/admin/staff/staffpreference/"


def test_the_admin_home_page_offers_an_editor_their_preferences(editor_client):
    page = editor_client.get("/el/admin/").content.decode()

    assert PREFERENCES in page
    assert "Προτιμήσεις ειδοποιήσεων" in page


def test_greek_is_the_language_until_the_editor_chooses(editor):
    assert StaffPreference.language_of([editor.pk]) == {editor.pk: "el"}


def test_an_editor_opens_and_changes_their_own_preferences(editor_client, editor):
    opened = editor_client.get(PREFERENCES, follow=True)
    assert opened.status_code == 200
    own = StaffPreference.objects.get(user=editor)
    assert opened.redirect_chain[-1][0] == f"{PREFERENCES}{own.pk}/change/"
    assert "Γλώσσα των ειδοποιήσεων ηλεκτρονικού ταχυδρομείου" in opened.content.decode()

    saved = editor_client.post(f"{PREFERENCES}{own.pk}/change/", {"language": "en"}, follow=True)

    assert saved.redirect_chain[-1][0] == "/el/admin/"
    assert "Οι προτιμήσεις σας αποθηκεύτηκαν." in saved.content.decode()
    assert StaffPreference.language_of([editor.pk]) == {editor.pk: "en"}


def test_a_language_the_site_does_not_speak_is_refused(editor_client, editor):
    own = StaffPreference.objects.create(user=editor)

    answer = editor_client.post(f"{PREFERENCES}{own.pk}/change/", {"language": "de"})

    assert answer.status_code == 200  # the form again, with its error
    assert "Η τιμή de δεν είναι διαθέσιμη" in answer.content.decode()
    own.refresh_from_db()
    assert own.language == "el"


def test_an_editor_cannot_open_or_change_someone_elses_preferences(
    editor_client, other_editor_client
):
    other_editor_client.get(PREFERENCES)
    theirs = StaffPreference.objects.get(user__username="nikos")
    path = f"{PREFERENCES}{theirs.pk}/change/"

    assert editor_client.get(path).status_code in (302, 403, 404)
    editor_client.post(path, {"language": "en"})

    theirs.refresh_from_db()
    assert theirs.language == "el"


@pytest.mark.parametrize("path", [f"{PREFERENCES}add/", f"{PREFERENCES}1/delete/"])
def test_preferences_are_neither_added_nor_deleted_by_hand(editor_client, path):
    assert editor_client.get(path).status_code in (302, 403)


def test_a_superuser_sets_a_users_language_in_the_user_admin(client, editor):
    admin = get_user_model().objects.create_superuser("root", "root@example.gov.gr", "pw-root-1")
    client.force_login(admin)
    path = f"/el/admin/auth/user/{editor.pk}/change/"
    form = client.get(path)
    assert "Γλώσσα των ειδοποιήσεων ηλεκτρονικού ταχυδρομείου" in form.content.decode()

    data = {
        "username": editor.username,
        "email": editor.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [group.pk for group in editor.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "staff_preference-TOTAL_FORMS": "1",
        "staff_preference-INITIAL_FORMS": "0",
        "staff_preference-MIN_NUM_FORMS": "0",
        "staff_preference-MAX_NUM_FORMS": "1",
        "staff_preference-0-language": "en",
        "staff_preference-0-user": str(editor.pk),
    }
    saved = client.post(path, data)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert StaffPreference.language_of([editor.pk]) == {editor.pk: "en"}
