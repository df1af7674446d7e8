"""vCard 4.0 (RFC 6350) for a department's contact, folded and escaped by the book.

Texts are what the department's page shows in the active language: its translation, or the
text shown in its place (departments/models.py ``shown_text``). A text property says which
language it is in with the LANGUAGE parameter when all of its text is in one language (the
interface's words, "Ministry of …" or "Head", are in the active language).
"""

import datetime
import uuid

from django.utils.translation import get_language, gettext

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


def _text(obj, field):
    """``(text, language)``: the field as the page shows it and the language it is in."""
    text, fallback = obj.shown_text(field)
    return text, fallback or get_language()


def property_name(name, *languages):
    """``NAME;LANGUAGE=xx`` when the property's texts are all in one language, else ``NAME``."""
    distinct = set(languages)
    return f"{name};LANGUAGE={distinct.pop()}" if len(distinct) == 1 else name


def department_vcard(department):
    """The department's contact as a vCard 4.0 in the active language (bytes, UTF-8)."""
    directorate = department.directorate
    url = absolute(department.get_absolute_url())
    # The same contact in every language: a phone that imports several merges them.
    url_id = absolute(f"/department/{department.pk}")
    language = get_language()
    name, name_language = _text(department, "name")
    directorate_name, directorate_language = _text(directorate, "name")
    org = (gettext("Ministry of Migration and Asylum"), directorate_name, name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"{property_name('FN', name_language)}:{escape(name)}",
        property_name("ORG", language, directorate_language, name_language)
        + ":"
        + ";".join(escape(part) for part in org),
    ]
    if department.email:
        lines.append(f"EMAIL;TYPE=work:{escape(department.email)}")
    head_name, head_language = _text(department, "head_name")
    if head_name:
        note = gettext("%(title)s: %(name)s") % {
            "title": department.head_title,
            "name": head_name,
        }
        lines.append(f"{property_name('NOTE', language, head_language)}:{escape(note)}")
    lines += [
        f"URL:{url}",
        f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url_id)}",
        f"REV:{department.updated_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        "END:VCARD",
    ]
    return b"".join(fold(line) + b"\r\n" for line in lines)
