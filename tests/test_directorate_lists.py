"""The directorate page's competence and contact lists (written by {% competence_items %} and
{% contact_items %}): what a reader sees, English missing included."""

from django.utils import translation

from departments.models import Competence
from tests.conftest import make_department, make_directorate


def _page(client, language, directorate):
    response = client.get(f"/{language}/{directorate.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def _directorate(db):
    with translation.override("el"):
        directorate = make_directorate()
        full = make_department(directorate, "full", order=1, competences=2)
        greek_only = make_department(
            directorate, "greek-only", order=2, competences=1, name_en="", head_name_en="",
            email="",
        )  # fmt: skip
    Competence.objects.filter(department=greek_only).update(text_en="")
    return directorate, full, greek_only


def test_english_lists_mark_the_greek_they_fall_back_to(client, db):
    directorate, full, greek_only = _directorate(db)
    html = _page(client, "en", directorate)
    competence = Competence.objects.get(department=greek_only)
    assert f'<li id="competence-{competence.pk}" lang="el">{competence.text_el}</li>' in html
    assert (
        '<li><a href="#dept-greek-only" lang="el">Τμήμα greek-only</a>: Head '
        '<span lang="el">Γιώργος Νικολάου</span></li>'
    ) in html
    assert (
        '<li><a href="#dept-full">Department full</a>: Head Giorgos Nikolaou, '
        '<a href="mailto:full@example.gov.gr" dir="ltr">full@example.gov.gr</a></li>'
    ) in html
    for competence in Competence.objects.filter(department=full):
        assert f'<li id="competence-{competence.pk}">{competence.text_en}</li>' in html


def test_greek_lists_carry_no_language_marks(client, db):
    directorate, _full, greek_only = _directorate(db)
    html = _page(client, "el", directorate)
    competence = Competence.objects.get(department=greek_only)
    assert f'<li id="competence-{competence.pk}">{competence.text_el}</li>' in html
    assert '<li><a href="#dept-greek-only">Τμήμα greek-only</a>: Προϊστάμενος Γιώργος' in html


def test_the_lists_escape_what_staff_typed(client, db):
    directorate, full, _greek_only = _directorate(db)
    Competence.objects.filter(department=full).update(text_en="<script>x</script> & more")
    full.name_en = 'Department "<b>"'
    full.save()
    html = _page(client, "en", directorate)
    assert "&lt;script&gt;x&lt;/script&gt; &amp; more</li>" in html
    assert '<a href="#dept-full">Department &quot;&lt;b&gt;&quot;</a>: Head' in html
    assert "<script>x</script>" not in html and "<b>" not in html
