"""An editor changes a competence in both languages and sees it on the public pages at once."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from departments.models import Competence
from staff.groups import ensure_editors_group

PASSWORD = "correct horse battery staple"


def test_editor_changes_a_competence_in_greek_and_english_and_sees_both(
    page, browser, site, settings
):
    # With the public page cache on, as in production: the old page is cached first, and the
    # save must still show at once.
    settings.SERVING_PAGE_CACHE = True
    editor = get_user_model().objects.create_user("eleni", password=PASSWORD, is_staff=True)
    # Other live-server tests flush the database; a deployment's migrate keeps the group.
    ensure_editors_group()
    editor.groups.add(Group.objects.get(name="Editors"))
    competence = Competence.objects.filter(department__slug="interculturalism").first()
    old_greek, old_english = competence.text_el, competence.text_en
    for lang, old_text in (("el", old_greek), ("en", old_english)):
        page.goto(f"{site}/{lang}/social-integration/interculturalism/")
        assert page.locator(f"#competence-{competence.pk}").inner_text() == old_text

    page.goto(f"{site}/el/admin/")
    page.get_by_label("Όνομα χρήστη").fill("eleni")
    page.get_by_label("Συνθηματικό").fill(PASSWORD)
    page.get_by_role("button", name="Σύνδεση").click()
    page.wait_for_url(re.compile(r".*/el/admin/$"))

    page.goto(f"{site}/el/admin/departments/competence/{competence.pk}/change/")
    page.locator("#id_text_el").fill("Συντονισμός δράσεων διαπολιτισμικού διαλόγου.")
    page.get_by_role("tab", name=re.compile("en", re.I)).click()
    page.locator("#id_text_en").fill("Coordination of intercultural dialogue activities.")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r".*/el/admin/departments/competence/$"))

    # A citizen (no session cookie, so served from the page cache when it is current).
    citizen = browser.new_context()
    try:
        public = citizen.new_page()
        public.goto(f"{site}/el/social-integration/interculturalism/")
        assert public.locator(f"#competence-{competence.pk}").inner_text() == (
            "Συντονισμός δράσεων διαπολιτισμικού διαλόγου."
        )
        public.goto(f"{site}/en/social-integration/interculturalism/")
        assert public.locator(f"#competence-{competence.pk}").inner_text() == (
            "Coordination of intercultural dialogue activities."
        )
    finally:
        citizen.close()
