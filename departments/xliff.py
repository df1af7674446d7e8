"""XLIFF 1.2 files, the format translation agencies and their CAT tools exchange.

Written and read with translate-toolkit (``translate.storage.xliff``), whose parser refuses
external entities and network access. Its files default to XLIFF 1.1; the classes below only
give them the 1.2 namespace and version. ``read`` checks the structure a round trip relies on
and raises XliffError, with a message for the person who sent the file, on anything else:
nothing is ever imported from a file that fails here (departments/translation_import.py).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import xliff

from departments.translation_units import SOURCE_LANGUAGE

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
# The <file original="..."> of our exports: says which site a file came from.
ORIGINAL = "directorate-of-social-integration"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Xliff12Unit(xliff.Xliff1Unit):
    namespace = NAMESPACE


class Xliff12File(xliff.Xliff1File):
    UnitClass = Xliff12Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='{ORIGINAL}' source-language='{SOURCE_LANGUAGE}' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


class XliffError(Exception):
    """The file cannot be imported; the message says why (in the reader's language)."""


def write(units, language):
    """The XLIFF 1.2 document (bytes) of ``units`` (translation_units.Unit) for ``language``."""
    store = Xliff12File(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=language)
    for unit in units:
        element = store.addsourceunit(unit.source, filename=ORIGINAL)
        element.setid(unit.id)
        element.xmlelement.set("resname", unit.resname)
        element.xmlelement.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if unit.target:
            element.target = unit.target
        if unit.english:
            element.addnote(unit.english, origin="english")
            element.xmlelement.findall(store.namespaced("note"))[-1].set(XML_LANG, "en")
        element.addnote(unit.context, origin="context")
        element.xmlelement.findall(store.namespaced("note"))[-1].set(XML_LANG, "en")
    return bytes(store)


@dataclass(frozen=True)
class ReadUnit:
    """A <trans-unit> as a file holds it."""

    id: str
    source: str
    target: str


@dataclass(frozen=True)
class ReadFile:
    target_language: str
    units: list


def _parse(data):
    if not data or not data.strip():
        raise XliffError(_("The file is empty."))
    try:
        return Xliff12File.parsestring(data)
    except etree.XMLSyntaxError as error:
        raise XliffError(
            _("The file is not well-formed XML (%(error)s).") % {"error": error}
        ) from error
    except (AssertionError, StopIteration, ValueError) as error:
        raise XliffError(_("The file is not an XLIFF 1.2 document.")) from error


def read(data):
    """The target language and units of an XLIFF 1.2 document (bytes); raises XliffError."""
    store = _parse(data)
    if store.document.docinfo.doctype:
        # Entities are never expanded, but a file that declares some is not one of ours.
        raise XliffError(_("The file declares a document type (<!DOCTYPE>); XLIFF has none."))
    root = store.document.getroot()
    if root.tag != f"{{{NAMESPACE}}}xliff" or root.get("version") != "1.2":
        raise XliffError(
            _(
                'The file is not an XLIFF 1.2 document (its root must be <xliff version="1.2"> '
                "in the namespace %(namespace)s)."
            )
            % {"namespace": NAMESPACE}
        )
    files = root.findall(f"{{{NAMESPACE}}}file")
    if not files:
        raise XliffError(_("The file holds no <file> element."))
    languages = {element.get("target-language") or "" for element in files}
    sources = {element.get("source-language") or "" for element in files}
    if sources != {SOURCE_LANGUAGE}:
        raise XliffError(
            _('The source language must be Greek (source-language="el"), not %(found)s.')
            % {"found": ", ".join(sorted(sources)) or '""'}
        )
    if len(languages) != 1 or "" in languages:
        raise XliffError(
            _("The file must name one target language (target-language), not %(found)s.")
            % {"found": ", ".join(sorted(languages)) or '""'}
        )
    units, seen = [], set()
    for element in root.iter(f"{{{NAMESPACE}}}trans-unit"):
        unit_id = element.get("id") or ""
        if not unit_id:
            raise XliffError(
                _("A <trans-unit> has no id (line %(line)d).") % {"line": element.sourceline}
            )
        if unit_id in seen:
            raise XliffError(_("The unit %(id)s appears twice.") % {"id": unit_id})
        if element.find(f"{{{NAMESPACE}}}source") is None:
            raise XliffError(_("The unit %(id)s has no <source>.") % {"id": unit_id})
        seen.add(unit_id)
        unit = Xliff12Unit.createfromxmlElement(element)
        units.append(ReadUnit(unit_id, unit.source or "", unit.target or ""))
    return ReadFile(languages.pop().split("-")[0].lower(), units)
