"""A draft's preview: the real public page rendered with the draft, marked for the editor.

The page is the public template rendered inside ``previewing()`` (no shared cache is read or
written). Then, on the rendered HTML:

- a banner right after ``<body>`` says it is an unpublished draft, with its status, a switch to
  the other language and a link back to the review page;
- every passage the draft changes, where it is a whole text node of the body, is wrapped in
  ``<mark class="draft-change">`` (attributes and the head are never touched);
- in the English preview, English the page lacks (it shows the Greek instead) or English that
  the draft leaves behind its Greek is labelled, so nobody publishes it unawares;
- the head gets ``noindex`` and the previews' own stylesheet (the site's CSP allows no inline
  style).
"""

import re

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from departments import snapshots
from departments.models import Department
from departments.previewing import preview_page, previewing
from departments.translation_status import (
    ENGLISH,
    GREEK,
    MISSING,
    fields_with,
    pending_outdated,
)
from staff.draft_status import status_text

LANGUAGES = (GREEK, ENGLISH)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head>", re.IGNORECASE)


def render_preview(request, draft, language):
    page = preview_page(draft)
    changes = snapshots.diff(draft.model, snapshots.published_snapshot(draft), draft.data)
    with translation.override(language), previewing(*page.objects):
        html = render_to_string(page.template, page.context, request=request)
        banner = render_to_string(
            "admin/staff/drafts/preview_banner.html",
            {
                "draft": draft,
                "status": status_text(draft),
                "language": language,
                "preview_el_url": reverse(
                    "admin:departments_draft_preview", args=[draft.pk, GREEK]
                ),
                "preview_en_url": reverse(
                    "admin:departments_draft_preview", args=[draft.pk, ENGLISH]
                ),
                "review_url": reverse("admin:departments_draft_review", args=[draft.pk]),
            },
            request=request,
        )
        notes = english_notes(page.objects) if language == ENGLISH else ({}, {})
        html = mark_preview(html, banner, passages(changes, language), *notes)
    response = HttpResponse(html)
    # Only for the editor's browser: never kept by a proxy or the browser's cache, never indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def passages(changes, language):
    """The draft's new texts shown on the ``language`` page (and those with no language)."""
    texts = []
    for change in changes:
        if change.kind in ("moved", "removed") or change.language not in ("", language):
            continue
        # A number (an order) or an empty value is no passage one could find on the page.
        if change.new.strip() and not change.new.strip().isdigit():
            texts.append(change.new)
    return texts


def _with_competences(objects):
    for obj in objects:
        yield obj
        if isinstance(obj, Department):
            # Prefetched by the preview: no query.
            yield from obj.competences.all()


def _stale_english(obj):
    """The fields whose English publishing the draft would flag outdated (or leave flagged)."""
    return pending_outdated(obj).get(ENGLISH, [])


def english_notes(objects):
    """``({greek text: label}, {english text: label})``: missing English, English to review."""
    missing, review = {}, {}
    for obj in _with_competences(objects):
        for name in fields_with(obj, ENGLISH, MISSING):
            missing[getattr(obj, f"{name}_{GREEK}")] = _("[English missing]")
        for name in _stale_english(obj):
            english = getattr(obj, f"{name}_{ENGLISH}")
            if english:
                review[english] = _("[English to review]")
    return missing, review


def _candidates(text):
    """The text, and each of its lines when a template breaks it into paragraphs or lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [text.strip(), *lines] if len(lines) > 1 else [text.strip()]


def _wrap(body, text, before="", after=""):
    """Put ``before``/``after`` around ``text`` wherever it is a whole text node of ``body``."""
    escaped = escape(text)
    pattern = re.compile(r">(\s*)" + re.escape(escaped) + r"(\s*)<")
    return pattern.sub(lambda m: f">{m[1]}{before}{escaped}{after}{m[2]}<", body)


def _label(text):
    return format_html(' <strong class="draft-english-note" lang="{}">{}</strong>', ENGLISH, text)


def mark_preview(html, banner, changed, missing=None, review=None):
    body_tag = _BODY.search(html)
    if body_tag is None:
        return html
    head, body = html[: body_tag.end()], html[body_tag.end() :]
    done = set()
    for text in changed:
        for candidate in _candidates(text):
            if candidate and candidate not in done:
                done.add(candidate)
                body = _wrap(body, candidate, '<mark class="draft-change">', "</mark>")
    for notes in (missing or {}, review or {}):
        for text, label in notes.items():
            for candidate in dict.fromkeys(_candidates(text)):
                if candidate:
                    body = _wrap(body, candidate, after=_label(label))
    extra_head = format_html(
        '<meta name="robots" content="noindex">\n<link rel="stylesheet" href="{}">\n',
        static("css/drafts.css"),
    )
    head = _HEAD_END.sub(lambda m: extra_head + m[0], head, count=1)
    return f"{head}\n{banner}{body}"
