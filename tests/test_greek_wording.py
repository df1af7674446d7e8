"""The translator's wording of the staff pages in Greek: a draft is «προσχέδιο», discarding one
is «ακύρωση» (the catalogue once said «πρόχειρο» and «απορρίφθηκε», "refused")."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model

from departments import publishing, snapshots
from tests.conftest import make_department, make_directorate

ROOT = Path(__file__).resolve().parent.parent
GREEK_CATALOGUES = (
    ROOT / "locale/el/LC_MESSAGES/django.po",
    ROOT / "staff/third_party_locale/el/LC_MESSAGES/django.po",
)


def greek_msgstrs(path):
    """Every translation in a catalogue (plural forms too), obsolete entries left out."""
    texts = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        for value in re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', block, re.M):
            texts.append("".join(re.findall(r'"(.*)"', value)))
    return texts


def test_no_greek_translation_calls_a_draft_prochiro():
    for path in GREEK_CATALOGUES:
        texts = greek_msgstrs(path)
        assert texts, path
        assert [text for text in texts if "πρόχειρ" in text.lower()] == [], path


def test_a_discarded_draft_reads_akyromeno_on_its_greek_review_page(db, client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.gov.gr", "pw")
    department = make_department(make_directorate(), "reception")
    draft = publishing.save_draft(department, snapshots.snapshot(department), user)
    publishing.discard(draft, user)
    client.force_login(user)

    html = client.get(f"/el/admin/departments/draft/{draft.pk}/review/").content.decode()

    assert "<dt>Κατάσταση</dt><dd>ακυρωμένο</dd>" in html
    assert "απορρίφθηκε" not in html
