"""The departments' sections on the directorate page, each rendered once per content generation."""

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from departments.templatetags.request_memo import context_request, generation
from serving import validators

register = template.Library()

NAMESPACE = "department-section-v1"
SECTION_TEMPLATE = "includes/department_summary.html"


@register.simple_tag(takes_context=True)
def department_sections(context, departments):
    """Each department's section, in order, as ``{% include SECTION_TEMPLATE … only %}`` renders it.

    A section depends only on its department's content (its name, head, email, competences), the
    language and the URL prefix, so it is stored per content generation: a render of the page
    that the page cache cannot answer (another query string, a signed-in editor) reads them all in
    one round trip instead of rendering some two hundred template nodes again.
    """
    section = get_template(SECTION_TEMPLATE).template
    key_parts = (generation(context_request(context)), get_language(), get_script_prefix())

    def build(department):
        return str(section.render(context.new({"department": department})))

    builds = {
        validators.cache_key(NAMESPACE, *key_parts, department.pk): (
            lambda department=department: build(department)
        )
        for department in departments
    }
    html = validators.cached_many(builds)
    return [mark_safe(html[key]) for key in builds]  # noqa: S308 (rendered by the template engine)
