"""'Is this page useful?': a plain form, stored, limited, explained in the visitor's language."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from feedback.models import COMMENT_MAX_LENGTH, Feedback

PAGE = "/en/social-integration/"


def send(client, lang="en", REMOTE_ADDR="127.0.0.1", **data):
    values = {"useful": "yes", "comment": "", "page": PAGE}
    values.update(data)
    return client.post(f"/{lang}/feedback/", values, REMOTE_ADDR=REMOTE_ADDR)


@pytest.mark.parametrize("lang", ["el", "en"])
def test_every_page_asks_whether_it_was_useful(client, seeded, lang):
    html = client.get(f"/{lang}/social-integration/").content.decode()
    assert f'<form method="get" action="/{lang}/feedback/"' in html
    assert f'name="page" value="/{lang}/social-integration/"' in html
    assert 'name="useful" value="yes"' in html and 'name="useful" value="no"' in html


def test_the_question_leaves_pages_cookie_free_and_cacheable(client, seeded):
    response = client.get("/en/social-integration/")
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_answering_at_the_foot_opens_the_form_with_that_answer_chosen(client, db, answer):
    response = client.get(f"/en/feedback/?page={PAGE}&useful={answer}")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f'name="useful" value="{answer}"'
        + ("" if answer == "no" else ' id="feedback-useful"')
        + " checked"
        in html
    )
    assert f'name="page" value="{PAGE}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Feedback.objects.count() == 0


def test_an_answer_is_stored_with_page_language_and_comment_only(client, db):
    response = send(client, useful="no", comment="The email address is missing.")
    assert response.status_code == 302
    assert response["Location"] == "/en/feedback/thanks/?page=%2Fen%2Fsocial-integration%2F"
    feedback = Feedback.objects.get()
    assert (feedback.page, feedback.language, feedback.useful, feedback.comment) == (
        PAGE,
        "en",
        False,
        "The email address is missing.",
    )
    field_names = {field.name for field in Feedback._meta.get_fields()}
    assert field_names == {"id", "page", "language", "useful", "comment", "created_at"}


def test_thanks_page_links_back_to_the_page(client, db):
    html = client.get("/el/feedback/thanks/?page=/el/social-integration/").content.decode()
    assert "Σας ευχαριστούμε για την αξιολόγησή σας" in html
    assert 'href="/el/social-integration/"' in html


def test_thanks_page_never_links_to_another_site(client, db):
    html = client.get("/en/feedback/thanks/?page=//evil.example.com/").content.decode()
    assert 'href="//evil.example.com/"' not in html
    assert '<a href="/en/">Back to the page you were reading</a>' in html


@pytest.mark.parametrize(
    ("lang", "message"),
    [("el", "Επιλέξτε «Ναι» ή «Όχι»."), ("en", "Choose yes or no.")],
)
def test_missing_answer_is_explained_in_the_visitors_language(client, db, lang, message):
    response = send(client, lang=lang, useful="")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<a href="#feedback-useful">{message}</a>' in html
    assert Feedback.objects.count() == 0


def test_too_long_comment_is_refused_and_kept_for_correction(client, db):
    comment = "x" * (COMMENT_MAX_LENGTH + 1)
    response = send(client, comment=comment)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"please keep it to {COMMENT_MAX_LENGTH} characters" in html
    assert 'aria-invalid="true"' in html
    assert comment in html
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("page", ["https://evil.example.com/", "//evil.example.com/", "no-slash"])
def test_page_must_be_a_path_on_this_site(client, db, page):
    response = send(client, page=page)
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_form_without_csrf_token_is_refused_with_a_page_in_the_visitors_language(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/el/feedback/", {"useful": "yes", "page": PAGE})
    assert response.status_code == 403
    assert "Η φόρμα σας δεν ήταν δυνατό να υποβληθεί" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_form_with_its_csrf_token_is_accepted(db):
    client = Client(enforce_csrf_checks=True)
    html = client.get(f"/en/feedback/?page={PAGE}&useful=yes").content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/en/feedback/", {"useful": "yes", "page": PAGE, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_submissions_over_the_limit_per_address_are_refused(client, db, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    for _ in range(3):
        assert send(client).status_code == 302
    response = send(client, lang="el")
    assert response.status_code == 429
    assert "Έχετε υποβάλει πολλές αξιολογήσεις" in response.content.decode()
    assert Feedback.objects.count() == 3


def test_the_limit_is_per_address(client, db, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert send(client, REMOTE_ADDR="192.0.2.1").status_code == 302
    assert send(client, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert send(client, REMOTE_ADDR="192.0.2.2").status_code == 302


def test_the_address_is_never_stored(client, db):
    send(client, REMOTE_ADDR="192.0.2.77")
    values = Feedback.objects.values_list("page", "language", "comment").get()
    assert not any("192.0.2.77" in value for value in values)


def test_feedback_form_page_works_on_its_own(client, db):
    response = client.get("/en/feedback/?page=/en/accessibility/")
    assert response.status_code == 200
    assert 'name="page" value="/en/accessibility/"' in response.content.decode()


def test_staff_see_the_answers_listed_in_the_admin(client, db):
    Feedback.objects.create(page=PAGE, language="en", useful=False, comment="Too long.")
    staff = User.objects.create_superuser("staff", "staff@example.gov.gr", "a-long-password-123")
    client.force_login(staff)
    response = client.get("/en/admin/feedback/feedback/")
    assert response.status_code == 200
    assert "Too long." in response.content.decode()
