"""The directorate of a page, read with SQL compiled once: the page's only query when warm.

With the page's parts stored per content generation (``{% stored_fragment %}``), a render reads
just the directorate, and building that query with the ORM (the compiler walks some forty
translated columns) cost more than running it. The SELECT is the one
``Directorate.objects.get(slug=…)`` makes, compiled once per database connection, and each row
becomes a model instance through ``Directorate.from_db``, as a queryset's iterator makes it.
"""

from weakref import WeakKeyDictionary

from django.db import connections, router
from django.http import Http404

from departments.models import Directorate

# Stands for the slug in the SQL compiled once; a slug is [-a-zA-Z0-9_]+, never this.
_SLUG = "\ue006"
# Per database connection (one per thread, kept for the thread's life): the converters belong to
# the connection they were made for (SQLite's turn its text into aware datetimes, as the
# queryset's would).
_COMPILED = WeakKeyDictionary()


class _Compiled:
    def __init__(self, connection):
        # As get() makes it: no ORDER BY (the slug is unique).
        query = Directorate.objects.filter(slug=_SLUG).order_by().query
        compiler = query.get_compiler(connection=connection)
        select, _klass_info, _annotations = compiler.get_select()
        columns = [column for column, _sql, _alias in select]
        self.names = [column.target.attname for column in columns]
        self.sql, self.params = compiler.as_sql()
        self.converters = list(compiler.get_converters(columns).items())

    def row(self, connection, slug):
        params = tuple(slug if param == _SLUG else param for param in self.params)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for position, (converters, expression) in self.converters:
            for convert in converters:
                row[position] = convert(row[position], expression, connection)
        return row


def directorate_by_slug(slug):
    """The directorate whose page is ``slug``, as ``get(slug=slug)`` gives it; else Http404."""
    connection = connections[router.db_for_read(Directorate)]
    compiled = _COMPILED.get(connection)
    if compiled is None:
        compiled = _COMPILED[connection] = _Compiled(connection)
    row = compiled.row(connection, slug)
    if row is None:
        raise Http404("No directorate found matching the query")
    return Directorate.from_db(connection.alias, compiled.names, row)
