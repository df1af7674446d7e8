"""Helpers that read what a visitor sees in a rendered page."""

import re
from html.parser import HTMLParser

GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


class _TextCollector(HTMLParser):
    """Collects visible text and attribute values, skipping elements marked as another language."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, skip_lang):
        super().__init__()
        self.skip_lang = skip_lang
        self.stack = []
        self.chunks = []

    def _skipping(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = attrs.get("lang") == self.skip_lang and tag != "html"
        if tag not in self.VOID:
            self.stack.append(skip)
        if not self._skipping() and not skip:
            self.chunks.extend(v for v in attrs.values() if v)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipping():
            self.chunks.append(data)


def text_outside_lang(html, lang):
    """All text and attribute values of the page except inside elements with ``lang=lang``."""
    parser = _TextCollector(skip_lang=lang)
    parser.feed(html)
    return " ".join(parser.chunks)


def greek_letters(text):
    return GREEK.findall(text)
