"""Drafts on the production stage: a draft saved on node a is public nowhere, on either node or
through nginx; the scheduler run on both nodes at the same minute publishes it exactly once,
and both nodes and nginx then serve it."""

import subprocess
import time

import pytest

from tests.topology import admin
from tests.topology.stage import PYTHON, ROOT
from tests.topology.test_cross_node_edits import MICRO_CACHE_DELAY, channels, unique_name

pytestmark = pytest.mark.topology

EVERYWHERE = {"page": True, "api": True, "csv": True, "search": True}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


def _scheduler(stage):
    """``manage.py publish_scheduled`` as the platform's scheduler starts it on one node."""
    return subprocess.Popen(  # noqa: S603 (our own fixed command)
        [PYTHON, "manage.py", "publish_scheduled"],
        cwd=ROOT,
        env=stage.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_draft_stays_private_and_two_schedulers_publish_it_once(stage):
    pk, path = stage.department()
    editor = stage.nodes["a"].client()
    stage.staff_login(editor)
    new = unique_name()
    visitor = stage.visitor()
    visitor.get(path)

    saved = admin.edit(editor, "department", pk, {"head_name_en": new, "_save_draft": "1"})
    assert saved.status == 302, saved.text[:2000]
    for node in ("a", "b"):
        assert channels(stage.nodes[node].client(), pk, path, new) == NOWHERE
    assert new not in visitor.get(path).text

    # Its time has come (the clock is driven: the draft is scheduled a moment ago).
    draft_id = stage.shell(
        "from django.utils import timezone\n"
        "from departments.drafts import Draft\n"
        f"draft = Draft.objects.open().get(object_id={pk}, content_type__model='department')\n"
        "Draft.objects.filter(pk=draft.pk).update(status='scheduled', publish_at=timezone.now())\n"
        "print(draft.pk)"
    )
    schedulers = [_scheduler(stage), _scheduler(stage)]  # the same minute, on two nodes
    outputs = [scheduler.communicate(timeout=120) for scheduler in schedulers]
    assert [scheduler.returncode for scheduler in schedulers] == [0, 0], outputs
    published_lines = [
        line for out, _err in outputs for line in out.splitlines() if line.startswith("published:")
    ]
    assert len(published_lines) == 1, outputs

    counts = stage.shell(
        "from departments.drafts import Draft, DraftEvent\n"
        "from departments.models import Department\n"
        f"draft = Draft.objects.get(pk={draft_id})\n"
        "events = draft.events.filter(action=DraftEvent.Action.PUBLISHED).count()\n"
        f"records = Department.history.filter(id={pk}, "
        f"history_change_reason__contains=' #{draft_id} ').count()\n"
        "print(draft.status, events, records)"
    )
    assert counts == "published 1 1"
    for node in ("a", "b"):
        assert channels(stage.nodes[node].client(), pk, path, new) == EVERYWHERE
    published = time.monotonic()
    while new not in visitor.get(path).text:
        assert time.monotonic() - published < MICRO_CACHE_DELAY, "not through nginx yet"
        time.sleep(0.05)
