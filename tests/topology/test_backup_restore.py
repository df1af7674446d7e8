"""A backup restores (`make backup`, `make restore`): edit, back up, edit again, restore; the
public pages are then byte for byte what they were at the backup, on every node and through
nginx, and the history and everything else staff made is back, row for row."""

import json
import time

import pytest

from tests.topology import admin
from tests.topology.test_cross_node_edits import MICRO_CACHE_DELAY, unique_name

pytestmark = pytest.mark.topology

# Every table's rows, by model, and the department's history: what staff made, and its record.
SNAPSHOT = """
import json
from django.apps import apps
from departments.models import Department
counts = {m._meta.label: m._base_manager.count() for m in apps.get_models()}
history = list(Department.history.filter(id=PK).order_by('history_id').values_list(
    'history_id', 'history_type', 'head_name_en', 'history_user__username'))
print(json.dumps({'counts': counts, 'history': history}, default=str))
"""


def snapshot(stage, pk):
    return json.loads(stage.shell(SNAPSHOT.replace("PK", str(pk))))


def public_bytes(stage, pk, path):
    """The public answers that show the department, as each node serves them now."""
    paths = [path, path.replace("/en/", "/el/", 1), f"/api/v1/departments/{pk}?lang=en"]
    paths += ["/en/open-data/directory.csv", "/en/"]
    answers = {}
    for name, node in stage.nodes.items():
        client = node.client(stage.new_address())
        for page in paths:
            response = client.get(page)
            assert response.status == 200, (name, page)
            answers[name, page] = response.body
    return answers


def test_a_restored_backup_serves_the_same_bytes_and_brings_every_history_entry_back(
    stage, tmp_path
):
    pk, path = stage.department()
    editor = stage.visitor()
    assert stage.staff_login(editor).status == 302
    kept, lost = unique_name(), unique_name()
    assert admin.edit(editor, "department", pk, {"head_name_en": kept}).status == 302
    before = public_bytes(stage, pk, path)
    made = snapshot(stage, pk)
    assert kept in before["a", path].decode()
    assert made["history"][-1][2] == kept

    backup = tmp_path / "stage.dump"
    assert "backup written" in stage.manage("backup_database", "--output", str(backup))

    assert admin.edit(editor, "department", pk, {"head_name_en": lost}).status == 302
    stage.create_staff("made-after-the-backup")
    assert lost in stage.nodes["b"].client().get(path).text  # both nodes cache the new page
    assert lost in stage.nodes["a"].client().get(path).text
    assert snapshot(stage, pk) != made

    assert "restored" in stage.manage("restore_database", "--noinput", str(backup))

    assert public_bytes(stage, pk, path) == before
    assert snapshot(stage, pk) == made
    visitor = stage.visitor()
    restored = time.monotonic()
    while lost in visitor.get(path).text:  # nginx's micro-cache: its documented delay
        assert time.monotonic() - restored < MICRO_CACHE_DELAY, "nginx still serves the edit"
        time.sleep(0.05)
    assert visitor.get(path).body == before["a", path]
