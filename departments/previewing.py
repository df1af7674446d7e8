"""A draft as the public pages would show it: unsaved objects built from the draft's snapshot.

``preview_page(draft)`` gives the public template and its context, with the draft's values set on
objects that are never saved. Rendering them inside ``previewing(...)`` keeps the render away
from every shared cache (serving.validators.uncached): a preview neither shows the published
fragments nor leaves its own where the public would read them. The Viber block, which pages read
through its own cached fragment, is taken from the draft there too.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from departments import snapshots
from departments.models import Department, Directorate, ViberCommunity
from serving import validators

_OVERRIDES = ContextVar("preview_overrides", default=None)


@contextmanager
def previewing(*objects):
    """Render inside this block: no shared cache, and ``objects`` stand for the published ones."""
    token = _OVERRIDES.set({type(obj): obj for obj in objects})
    try:
        with validators.uncached():
            yield
    finally:
        _OVERRIDES.reset(token)


def preview_object(model):
    """The unsaved object standing for the published ``model`` one in a preview, or None."""
    return (_OVERRIDES.get() or {}).get(model)


def _set_prefetched(obj, name, items):
    queryset = getattr(obj, name).all()
    queryset._result_cache = list(items)
    queryset._prefetch_done = True
    cache = getattr(obj, "_prefetched_objects_cache", None) or {}
    obj._prefetched_objects_cache = {**cache, name: queryset}


@dataclass
class PreviewPage:
    template: str
    context: dict
    objects: tuple  # what previewing() is given


def department_preview(draft, data=None):
    data = data or draft.data
    department = Department.objects.for_page().select_related("directorate").get(pk=draft.object_id)
    snapshots.apply_fields(department, data)
    _set_prefetched(department, "competences", snapshots.competences_of(department, data))
    return PreviewPage(
        "departments/department_detail.html",
        {"department": department, "object": department},
        (department,),
    )


def directorate_preview(draft, data=None):
    data = data or draft.data
    directorate = Directorate.objects.for_page().get(pk=draft.object_id)
    snapshots.apply_fields(directorate, data)
    return PreviewPage(
        "departments/directorate_detail.html",
        {"directorate": directorate, "object": directorate},
        (directorate,),
    )


def community_preview(draft, data=None):
    data = data or draft.data
    community = ViberCommunity.objects.get(pk=draft.object_id)
    snapshots.apply_fields(community, data)
    directorates = list(Directorate.objects.for_page())
    return PreviewPage(
        "departments/home.html",
        {"directorates": directorates, "object_list": directorates},
        (community,),
    )


PREVIEWS = {
    Department: department_preview,
    Directorate: directorate_preview,
    ViberCommunity: community_preview,
}


def preview_page(draft, data=None):
    """The public page showing the draft (or ``data``, another state of it: a history entry)."""
    return PREVIEWS[draft.model](draft, data)
