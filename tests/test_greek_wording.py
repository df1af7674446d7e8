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


def test_the_accessibility_statement_names_the_enforcement_procedure_epivolis(db, client):
    html = client.get("/el/accessibility/").content.decode()
    assert "<h2>Διαδικασία επιβολής</h2>" in html
    assert "Διαδικασία εφαρμογής" not in html


def test_open_data_calls_units_diefthynsi_and_tmima_and_addresses_url(client, seeded):
    """«Διεύθυνση»/«Τμήμα» are the units; a web address is a «διεύθυνση URL», its part a
    «σκέλος»."""
    html = client.get("/el/open-data/").content.decode()
    assert "Μία Διεύθυνση, με βάση το τελευταίο σκέλος της διεύθυνσης URL της σελίδας της." in html
    assert "μία γραμμή ανά Τμήμα, με τη Διεύθυνση στην οποία υπάγεται" in html
    assert "τη διεύθυνση URL της σελίδας του" in html
    assert "τελευταίο τμήμα" not in html
    assert "τη διεύθυνση της σελίδας" not in html
    header = client.get("/el/open-data/directory.csv").content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == [
        "Διεύθυνση",
        "Τμήμα",
        "Προϊστάμενος/-η",
        "Τίτλος",
        "Email",
        "URL σελίδας",
    ]
