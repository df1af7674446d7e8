"""Build the search entries of the content, as the pages in each language show it."""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from departments.models import Department, Directorate
from search.models import SearchEntry
from search.normalise import normalise

# Highlighting on PostgreSQL uses private-use characters as markers (backends.py); content
# must not contain them, or it could open a highlight of its own.
MARKERS = str.maketrans(dict.fromkeys(map(chr, range(0xE000, 0xE010))))


def _clean(text):
    return " ".join((text or "").translate(MARKERS).split())


def _entry(kind, position, directorate, title="", body="", **fields):
    title, body = _clean(title), _clean(body)
    return SearchEntry(
        kind=kind,
        weight=SearchEntry.WEIGHTS[kind],
        language=translation.get_language(),
        title=title,
        body=body,
        normalised=normalise(f"{title}\n{body}"),
        position=position,
        directorate=directorate,
        **fields,
    )


def _position(*orders):
    return ".".join(f"{order:06d}" for order in orders)


def directorate_entries(directorate):
    """The directorate itself (name and mission) and its head, in the active language."""
    position = _position(directorate.order, 0)
    url = directorate.get_absolute_url()
    return [
        _entry(
            SearchEntry.Kind.DIRECTORATE,
            position,
            directorate,
            title=directorate.name,
            body=directorate.mission,
            text_language=directorate.shown_language("name"),
            context=_clean(directorate.parent_unit),
            url=url,
        ),
        *head_entries(directorate, position, directorate),
    ]


def head_entries(unit, position, directorate, **fields):
    """The head of a unit (directorate or department), if it has one, named by the unit.

    The entry links to where the unit's page names the head (``get_head_url``): the director's
    sentence, or a department's contact line, not the top of a page.
    """
    if not unit.head_name:
        return []
    return [
        _entry(
            SearchEntry.Kind.HEAD,
            position,
            directorate,
            title=unit.head_name,
            text_language=unit.shown_language("head_name"),
            context=_clean(unit.name),
            head_gender=unit.head_gender,
            url=unit.get_head_url(),
            **fields,
        )
    ]


def department_entries(department, competences):
    """A department (its name), its head and its competences, in the active language."""
    directorate = department.directorate
    position = _position(directorate.order, department.order, department.pk)
    url = department.get_absolute_url()
    entries = [
        _entry(
            SearchEntry.Kind.DEPARTMENT,
            position,
            directorate,
            title=department.name,
            text_language=department.shown_language("name"),
            context=_clean(directorate.name),
            department=department,
            url=url,
        )
    ]
    entries.extend(head_entries(department, position, directorate, department=department))
    for competence in competences:
        entries.append(competence_entry(competence, department, url))
    return entries


def competence_entry(competence, department, department_url):
    """One competence: only its text is searched; its department is named as the context."""
    directorate = department.directorate
    return _entry(
        SearchEntry.Kind.COMPETENCE,
        _position(directorate.order, department.order, department.pk, competence.order),
        directorate,
        body=competence.text,
        text_language=competence.shown_language("text"),
        context=_clean(department.name),
        department=department,
        competence=competence,
        url=f"{department_url}#competence-{competence.pk}",
    )


def _in_every_language(build):
    entries = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            entries.extend(build())
    return entries


def _replace(old_entries, new_entries):
    with transaction.atomic():
        old_entries.delete()
        SearchEntry.objects.bulk_create(new_entries)


def index_directorate(directorate):
    """Re-index a directorate and everything under it (its slug is in all their links)."""
    departments = list(directorate.departments.for_page())
    for department in departments:
        department.directorate = directorate

    def build():
        entries = directorate_entries(directorate)
        for department in departments:
            entries.extend(department_entries(department, department.competences.all()))
        return entries

    _replace(SearchEntry.objects.filter(directorate=directorate), _in_every_language(build))


def index_department(department):
    """Re-index a department, its head and its competences."""
    department = Department.objects.for_page().select_related("directorate").get(pk=department.pk)
    competences = department.competences.all()
    _replace(
        SearchEntry.objects.filter(department=department),
        _in_every_language(lambda: department_entries(department, competences)),
    )


def index_competence(competence):
    """Re-index one competence."""
    department = Department.objects.select_related("directorate").get(pk=competence.department_id)

    def build():
        return [competence_entry(competence, department, department.get_absolute_url())]

    _replace(SearchEntry.objects.filter(competence=competence), _in_every_language(build))


def rebuild_index():
    """Replace the whole index with entries for all content; return how many there are."""
    directorates = list(Directorate.objects.for_page())
    for directorate in directorates:
        for department in directorate.departments.all():
            department.directorate = directorate

    def build():
        entries = []
        for directorate in directorates:
            entries.extend(directorate_entries(directorate))
            for department in directorate.departments.all():
                entries.extend(department_entries(department, department.competences.all()))
        return entries

    entries = _in_every_language(build)
    _replace(SearchEntry.objects.all(), entries)
    return len(entries)
