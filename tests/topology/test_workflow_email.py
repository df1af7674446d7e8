"""The workflow's e-mail on the production stage, through a real SMTP server (aiosmtpd on a
loopback port): an Editor submits a draft over HTTP on a node with approval on, the Publisher
receives the message in their language with the link to the review page; with the mail server
gone, the next step still goes through and the failure is only logged."""

import email
import email.policy
import re

import pytest
from aiosmtpd.controller import Controller

from tests.topology import admin
from tests.topology.stage import ADMIN_PASSWORD, ADMIN_PATH, HOST, free_port, wait_until
from tests.topology.webclient import csrf_token

pytestmark = pytest.mark.topology

EDITOR, PUBLISHER = "mail-editor", "mail-publisher"


class Inbox:
    """aiosmtpd's handler: keeps every message it accepts."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    def to(self, address):
        """The messages delivered to ``address``, parsed."""
        return [
            email.message_from_bytes(envelope.content, policy=email.policy.default)
            for envelope in self.envelopes
            if address in envelope.rcpt_tos
        ]


@pytest.fixture(scope="module")
def mail_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    if not controller.loop.is_closed():  # the test stops it itself when all goes well
        controller.stop(no_assert=True)


@pytest.fixture(scope="module")
def mail_node(stage, mail_server):
    """A node with approval on that sends its mail to the SMTP server."""
    controller, _inbox = mail_server
    node = stage.extra_node(
        "mail",
        DJANGO_EDITORIAL_APPROVAL_REQUIRED="true",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(controller.port),
        EMAIL_TIMEOUT="5",
        DEFAULT_FROM_EMAIL="workflow@stage.test",
    )
    stage.shell(
        "from django.contrib.auth.models import Group\n"
        "from django.contrib.auth import get_user_model\n"
        "from staff.models import StaffPreference\n"
        "User = get_user_model()\n"
        f"for name, group in (({EDITOR!r}, 'Editors'), ({PUBLISHER!r}, 'Publishers')):\n"
        f"    user = User.objects.create_user(name, name + '@stage.test', {ADMIN_PASSWORD!r},\n"
        "                                    is_staff=True)\n"
        "    user.groups.add(Group.objects.get(name=group))\n"
        f"StaffPreference.objects.create(user=User.objects.get(username={PUBLISHER!r}),\n"
        "                               language='en')\n"
    )
    yield node
    node.process.stop()


def _last_department(stage):
    """A department no other stage test edits (they take the first)."""
    return int(
        stage.shell(
            "from departments.models import Department\n"
            "print(Department.objects.order_by('-pk').values_list('pk', flat=True).first())"
        )
    )


def test_a_submission_mails_the_publisher_and_a_dead_mail_server_blocks_nothing(
    stage, mail_server, mail_node
):
    controller, inbox = mail_server
    pk = _last_department(stage)
    editor = mail_node.client(stage.new_address())
    assert stage.staff_login(editor, EDITOR).status == 302

    submitted = admin.edit(
        editor, "department", pk, {"head_name_en": "Submitted by mail", "_submit_review": "1"}
    )

    assert submitted.status == 302, submitted.text[:2000]
    draft_id = int(
        stage.shell(
            "from departments.drafts import Draft\n"
            f"print(Draft.objects.open().get(object_id={pk}, content_type__model='department').pk)"
        )
    )
    wait_until(lambda: inbox.to(f"{PUBLISHER}@stage.test"), 10, "no mail for the publisher")
    (message,) = inbox.to(f"{PUBLISHER}@stage.test")
    assert message["From"] == "workflow@stage.test"
    subject = message["Subject"].strip()  # a folded long header unfolds with a leading space
    assert subject.startswith("Draft of “") and subject.endswith("” submitted for approval")
    body = message.get_content()
    assert f"{EDITOR} submitted the draft" in body
    assert f"https://{HOST}/en/{ADMIN_PATH}/departments/draft/{draft_id}/review/" in body
    assert inbox.to(f"{EDITOR}@stage.test") == []  # never to whoever took the step

    controller.stop(no_assert=True)  # the mail server goes away
    publisher = mail_node.client(stage.new_address())
    assert stage.staff_login(publisher, PUBLISHER).status == 302
    review = f"/en/{ADMIN_PATH}/departments/draft/{draft_id}/review/"
    page = publisher.get(review)
    assert page.status == 200
    sent_back = publisher.post(
        review,
        {
            "csrfmiddlewaretoken": csrf_token(page.text),
            "action": "send_back",
            # The draft version the page shows, as its form sends it.
            "version": re.search(r'name="version" value="(\d+)"', page.text).group(1),
            "comment": "Please check the title.",
        },
    )

    assert sent_back.status == 302, sent_back.text[:2000]
    state = stage.shell(
        "from departments.drafts import Draft\n"
        f"draft = Draft.objects.get(pk={draft_id})\n"
        "print(draft.status, draft.events.filter(action='sent_back').count())"
    )
    assert state == "draft 1"
    wait_until(
        lambda: (
            f"Workflow e-mail not sent: draft #{draft_id} (sent_back)"
            in mail_node.log_path.read_text(errors="replace")
        ),
        10,
        "the failure to send was not logged",
    )
    assert publisher.get(review).status == 200
