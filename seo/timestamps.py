"""When a page's content last changed, from the content's own ``updated_at`` timestamps.

Reads prefetched relations only (the page views prefetch them), so it adds no queries.
"""

from departments.models import Department, Directorate


def last_updated(content):
    """Return the latest ``updated_at`` of a directorate or department and what it shows.

    A directorate page shows its departments and their competences; a department page shows
    its competences; an iterable (the home page's list) shows each item.
    """
    if isinstance(content, Directorate):
        stamps = [content.updated_at]
        stamps += [last_updated(department) for department in content.departments.all()]
    elif isinstance(content, Department):
        stamps = [content.updated_at]
        stamps += [competence.updated_at for competence in content.competences.all()]
    else:
        stamps = [last_updated(item) for item in content]
    return max((stamp for stamp in stamps if stamp), default=None)
