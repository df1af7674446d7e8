"""The search index follows every change of the content, and can be rebuilt in full."""

from io import StringIO

from django.core.management import call_command

from departments.models import Competence, Department
from search.models import SearchEntry
from tests.conftest import make_department, make_directorate


def test_seeding_indexes_every_item_in_every_language(seeded, settings):
    # 1 directorate + its head, 4 departments + their heads, 29 competences; per language.
    for language, _name in settings.LANGUAGES:
        assert SearchEntry.objects.filter(language=language).count() == 39, language


def test_a_new_competence_is_found_at_once(db, search):
    department = make_department(make_directorate(), "new", competences=0)
    competence = Competence.objects.create(
        department=department, order=1, text_el="Φροντίδα ασυνόδευτων ανηλίκων"
    )
    _response, _html, found = search("ασυνοδευτων")
    assert [r.url for r in found] == [f"/el/test-directorate/new/#competence-{competence.pk}"]


def test_an_edited_competence_is_found_by_its_new_words_only(db, search):
    department = make_department(make_directorate(), "edited", competences=1)
    competence = department.competences.get()
    competence.text_el = "Στέγαση προσφύγων"
    competence.save()
    assert search("στεγαση")[2]
    assert search("αρμοδιοτητα 1")[2] == []


def test_a_deleted_competence_is_no_longer_found(db, search):
    department = make_department(make_directorate(), "deleted", competences=1)
    department.competences.get().delete()
    assert search("αρμοδιοτητα")[2] == []


def test_renaming_a_department_updates_its_results_and_their_links(db, search):
    department = make_department(make_directorate(), "old-slug", competences=1)
    department.name_el = "Τμήμα Στέγασης"
    department.slug = "housing"
    department.save()
    found = search("στεγασης")[2]
    assert [r.url for r in found] == ["/el/test-directorate/housing/"]
    competence = search("αρμοδιοτητα")[2]
    assert competence[0].url.startswith("/el/test-directorate/housing/#competence-")
    assert competence[0].title == "Τμήμα Στέγασης"


def test_changing_the_directorate_slug_updates_every_link(db, search):
    directorate = make_directorate()
    make_department(directorate, "unit", competences=1)
    directorate.slug = "renamed"
    directorate.save()
    urls = [r.url for r in search("αρμοδιοτητα")[2]]
    assert urls and all(url.startswith("/el/renamed/unit/") for url in urls)


def test_a_deleted_department_takes_its_results_with_it(db, search):
    make_department(make_directorate(), "gone", competences=2)
    Department.objects.get(slug="gone").delete()
    assert SearchEntry.objects.filter(kind__in=["department", "competence"]).count() == 0


def test_missing_english_is_indexed_as_the_greek_the_english_page_shows(db, search):
    department = make_department(make_directorate(), "fallback", competences=0)
    Competence.objects.create(department=department, order=1, text_el="Μόνο ελληνικά")
    found = search("ελληνικα", language="en")[2]
    assert len(found) == 1
    html = search("ελληνικα", language="en")[1]
    assert '<li class="search-result" lang="el">' in html


def test_rebuild_command_restores_an_index_lost_to_bulk_updates(seeded, search):
    Competence.objects.filter(text_el__contains="ιθαγένειας").update(
        text_el="Κτήση της ελληνικής υπηκοότητας"
    )
    assert search("υπηκοοτητας")[2] == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert len(search("υπηκοοτητας")[2]) == 1
    assert SearchEntry.objects.count() == 39 * 7
