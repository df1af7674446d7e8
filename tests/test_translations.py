"""Every interface string is translated, and the compiled catalogues are up to date."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The site's languages (settings.LANGUAGES), read here without Django set up.
LANGUAGES = ("el", "en", "ar", "fa", "fr", "uk", "sq")


def msgids(po_text):
    """The (context, msgid) pairs of a catalogue, ignoring obsolete entries."""
    entries = set()
    for block in po_text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        context = re.search(r'^msgctxt "(.*)"', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if msgid:
            text = "".join(re.findall(r'"(.*)"', msgid.group(1)))
            entries.add((context.group(1) if context else None, text))
    return entries


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are not installed")
def test_makemessages_would_not_change_the_catalogues(tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "staticfiles", ".git", "*.sqlite3"),
    )
    subprocess.run(  # noqa: S603 (this repository's own manage.py)
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *(argument for code in LANGUAGES for argument in ("-l", code)),
            "--no-obsolete",
            "--no-location",
            "--ignore=node_modules",
            "--ignore=staticfiles",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    for language in LANGUAGES:
        committed = (ROOT / f"locale/{language}/LC_MESSAGES/django.po").read_text(encoding="utf-8")
        fresh = (copy / f"locale/{language}/LC_MESSAGES/django.po").read_text(encoding="utf-8")
        assert msgids(fresh) == msgids(committed), f"run 'make messages' ({language})"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_string_is_translated(language):
    """Every language but English (the msgids are English) has every msgstr, none fuzzy."""
    po = (ROOT / f"locale/{language}/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    untranslated = []
    for block in po.split("\n\n")[1:]:  # the first block is the header
        if block.lstrip().startswith("#~"):
            continue
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        targets = re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', block, re.M)
        texts = ["".join(re.findall(r'"(.*)"', target)) for target in targets]
        if msgid and (not texts or not all(texts)):
            untranslated.append(msgid.group(1).strip())
    assert untranslated == []
    assert re.findall(r"^#, fuzzy", po, re.M) == []


def test_compiled_catalogues_match_the_po_files():
    """The committed .mo files (a fresh machine needs no gettext tools) are up to date."""
    import gettext

    for language in LANGUAGES:
        directory = ROOT / f"locale/{language}/LC_MESSAGES"
        with open(directory / "django.mo", "rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        po = (directory / "django.po").read_text(encoding="utf-8")
        for block in po.split("\n\n"):
            if block.lstrip().startswith("#~") or "msgid_plural" in block:
                continue
            context = re.search(r'^msgctxt "(.*)"', block, re.M)
            msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
            msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
            if not (msgid and msgstr):
                continue
            source = "".join(re.findall(r'"(.*)"', msgid.group(1)))
            target = "".join(re.findall(r'"(.*)"', msgstr.group(1)))
            if not source or not target:
                continue
            decode = lambda text: text.encode().decode("unicode_escape").encode("latin-1").decode()  # noqa: E731
            if context:
                got = compiled.pgettext(decode(context.group(1)), decode(source))
            else:
                got = compiled.gettext(decode(source))
            assert got == decode(target), f"{language}: run 'make messages' ({source!r})"


def test_every_site_language_has_a_catalogue(settings):
    assert tuple(code for code, _name in settings.LANGUAGES) == LANGUAGES
    for language in LANGUAGES:
        assert (ROOT / f"locale/{language}/LC_MESSAGES/django.mo").exists(), language
