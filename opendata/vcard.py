"""vCard 4.0 (RFC 6350) for a department's contact, folded and escaped by the book."""

import datetime
import uuid

from django.utils.translation import gettext

from serving.origin import absolute

LINE_OCTETS = 75


def escape(value):
    """Escape a text value: backslash, comma, semicolon and newlines (RFC 6350 §3.4)."""
    value = str(value).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line):
    """Split a content line into CRLF-joined chunks of at most 75 octets.

    Continuation lines start with one space, which counts towards their 75 octets. A chunk never
    ends inside a UTF-8 sequence, so each one decodes on its own (Greek letters take 2 octets).
    """
    chunks = []
    current = b""
    limit = LINE_OCTETS
    for character in line:
        encoded = character.encode()
        if len(current) + len(encoded) > limit:
            chunks.append(current)
            current = b""
            limit = LINE_OCTETS - 1
        current += encoded
    chunks.append(current)
    return b"\r\n ".join(chunks)


def department_vcard(department):
    """The department's contact as a vCard 4.0 in the active language (bytes, UTF-8)."""
    directorate = department.directorate
    url = absolute(department.get_absolute_url())
    # The same contact in both languages: a phone that imports both merges them.
    url_id = absolute(f"/department/{department.pk}")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{escape(department.name)}",
        "ORG:"
        + ";".join(
            escape(part)
            for part in (
                gettext("Ministry of Migration and Asylum"),
                directorate.name,
                department.name,
            )
        ),
    ]
    if department.email:
        lines.append(f"EMAIL;TYPE=work:{escape(department.email)}")
    if department.head_name:
        note = gettext("%(title)s: %(name)s") % {
            "title": department.head_title,
            "name": department.head_name,
        }
        lines.append(f"NOTE:{escape(note)}")
    lines += [
        f"URL:{url}",
        f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url_id)}",
        f"REV:{department.updated_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        "END:VCARD",
    ]
    return b"".join(fold(line) + b"\r\n" for line in lines)
