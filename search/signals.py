"""Keep the search index in step with every save of the content.

Deletions need no handler: entries point at their content with ``on_delete=CASCADE``. Bulk
``QuerySet.update`` and ``loaddata`` send no usable signal; run ``rebuild_search_index`` after
them.
"""

from django.db.models.signals import post_save

from search import indexing


def directorate_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_directorate(instance)


def department_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_department(instance)


def competence_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_competence(instance)


def connect_index_signals():
    from departments.models import Competence, Department, Directorate

    handlers = {
        Directorate: directorate_saved,
        Department: department_saved,
        Competence: competence_saved,
    }
    for model, handler in handlers.items():
        post_save.connect(handler, sender=model, dispatch_uid=f"search-index-{model.__name__}")


def build_missing_index(using="default", **kwargs):
    """After ``migrate``: a site whose content predates the search app gets its index built.

    Content saved later is indexed by the handlers above; seeding an already seeded site saves
    nothing, so without this its index would stay empty.
    """
    from departments.models import Directorate
    from search.models import SearchEntry

    if not SearchEntry.objects.using(using).exists() and Directorate.objects.using(using).exists():
        indexing.rebuild_index()
