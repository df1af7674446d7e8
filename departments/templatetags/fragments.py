"""``{% stored_fragment %}``: a part of a page rendered once per content generation."""

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from departments.templatetags.request_memo import context_request, generation
from serving import validators
from serving.origin import absolute

register = template.Library()


class StoredFragmentNode(template.Node):
    def __init__(self, nodelist, namespace, content):
        self.nodelist = nodelist
        self.namespace = namespace
        self.content = content

    def render(self, context):
        content = self.content.resolve(context)

        def build():
            load = getattr(content, "load_page_relations", None)
            if load is not None:
                load()
            return str(self.nodelist.render(context))

        key = validators.cache_key(
            self.namespace.resolve(context),
            generation(context_request(context)),
            get_language(),
            absolute(get_script_prefix()),
            content._meta.label_lower,
            content.pk,
        )
        # A preview renders inside validators.uncached(): built every time, never stored.
        return mark_safe(validators.cached(key, build))  # noqa: S308 (the template engine's output)


@register.tag
def stored_fragment(parser, token):
    """``{% stored_fragment "namespace-v1" content %}…{% endstored_fragment %}``.

    For a part of a page that depends only on ``content`` (a saved model instance and what it
    shows), the language and the URL prefix: nothing of the request (its path, query, user). It
    is stored per content generation, so a save shows at once, and built, after
    ``content.load_page_relations()`` when the model has one, only when it is not stored. The
    namespace names the part and the revision of its template: change it with the template.
    """
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a namespace and a content object")
    nodelist = parser.parse(("endstored_fragment",))
    parser.delete_first_token()
    return StoredFragmentNode(
        nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2])
    )
