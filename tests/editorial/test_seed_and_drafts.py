"""Seeding never overwrites a staff edit in progress: an object with an open draft is kept."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from departments import publishing, snapshots
from departments.drafts import Draft
from departments.models import Competence, Department, ViberCommunity
from departments.seeding import load_seed

SEED_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "social_integration.json"
DRAFTED = "interculturalism"
DRAFTED_KEY = f"department:social-integration/{DRAFTED}"
OTHER = "socio-economic-integration"


def _changed_seed(tmp_path, edit):
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    edit(data)
    seed_file = tmp_path / "seed.json"
    seed_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return seed_file


def _departments(data):
    return {item["slug"]: item for item in data["directorates"][0]["departments"]}


def _new_emails_and_texts(data):
    """A newer seed: new emails for two departments, one competence rewritten, one added."""
    departments = _departments(data)
    departments[DRAFTED]["email"] = "new.ic@migration.gov.gr"
    departments[DRAFTED]["competences"][0] = {"el": "Νέο κείμενο.", "en": "New text."}
    departments[DRAFTED]["competences"].append({"el": "Προστέθηκε.", "en": "Added."})
    departments[OTHER]["email"] = "new.sei@migration.gov.gr"


def _draft_row(draft):
    return Draft.objects.filter(pk=draft.pk).values().get()


@pytest.fixture
def drafted(seeded, editor):
    """The seeded site with an editor's draft of one department (its English name)."""
    department = Department.objects.get(slug=DRAFTED)
    data = snapshots.snapshot(department)
    data["fields"]["name_en"] = "Department of Interculturalism (draft)"
    return publishing.save_draft(department, data, editor)


def test_seeding_leaves_a_drafted_department_and_its_competences_alone(drafted, tmp_path):
    row = _draft_row(drafted)
    events = list(drafted.events.values_list("pk", flat=True))
    before = snapshots.snapshot(Department.objects.get(slug=DRAFTED))

    report = load_seed(_changed_seed(tmp_path, _new_emails_and_texts))

    assert snapshots.snapshot(Department.objects.get(slug=DRAFTED)) == before
    assert not Competence.objects.filter(text_en__in=["New text.", "Added."]).exists()
    assert Department.objects.get(slug=OTHER).email == "new.sei@migration.gov.gr"
    assert DRAFTED_KEY in report.kept_drafts
    assert f"{DRAFTED_KEY}/competence:1" in report.kept_drafts
    assert f"{DRAFTED_KEY}/competence:9" in report.kept_drafts
    assert report.updated == [f"department:social-integration/{OTHER}"]
    # The draft row itself is untouched, and it still publishes without a conflict.
    assert _draft_row(drafted) == row
    assert list(drafted.events.values_list("pk", flat=True)) == events
    assert not publishing.is_outdated(drafted)
    publishing.publish(drafted, drafted.created_by)
    assert Department.objects.get(slug=DRAFTED).name_en == "Department of Interculturalism (draft)"


def test_once_the_draft_is_discarded_the_seed_applies(drafted, editor, tmp_path):
    seed_file = _changed_seed(tmp_path, _new_emails_and_texts)
    load_seed(seed_file)
    publishing.discard(drafted, editor)

    report = load_seed(seed_file)

    department = Department.objects.get(slug=DRAFTED)
    assert department.email == "new.ic@migration.gov.gr"
    texts = list(department.competences.order_by("order").values_list("text_en", flat=True))
    assert texts[0] == "New text." and texts[-1] == "Added."
    assert report.kept_drafts == []


def test_once_the_draft_is_published_the_seed_keeps_it_as_a_staff_edit(drafted, editor, tmp_path):
    publishing.publish(drafted, editor)

    report = load_seed(_changed_seed(tmp_path, _new_emails_and_texts))

    department = Department.objects.get(slug=DRAFTED)
    assert department.name_en == "Department of Interculturalism (draft)"
    assert department.email == "dpt.ic@migration.gov.gr"
    assert DRAFTED_KEY in report.kept_staff_edits


def test_a_drafted_viber_block_is_kept(seeded, editor, tmp_path):
    community = ViberCommunity.objects.get()
    data = snapshots.snapshot(community)
    data["fields"]["title_en"] = "Our Viber community (draft)"
    draft = publishing.save_draft(community, data, editor)
    row = _draft_row(draft)

    def new_title(seed):
        seed["viber_community"]["title"]["en"] = "Seed's new title"

    report = load_seed(_changed_seed(tmp_path, new_title))

    assert ViberCommunity.objects.get().title_en == community.title_en
    assert report.kept_drafts == ["viber-community"]
    assert _draft_row(draft) == row


def test_the_command_reports_drafts_kept(drafted):
    out = StringIO()
    call_command("seed_content", stdout=out)
    # The department and its 8 competences.
    assert "9 kept: a staff edit in progress (open draft)" in out.getvalue()
