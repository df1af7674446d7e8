"""directory.csv: one row per department, UTF-8 with a BOM so spreadsheets read Greek right.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: ``=HYPERLINK(...)`` typed into a name would become a link in
every reuser's spreadsheet. Such cells are written with a leading single quote, which
spreadsheets read as "text" (the OWASP recommendation for CSV injection); every other cell is
written as it is.
"""

import csv
import io

from django.utils.translation import gettext_lazy as _

from serving.origin import absolute

HEADER = (
    _("Directorate"),
    _("Department"),
    _("Head of department"),
    _("Title"),
    _("Email"),
    _("Page URL"),
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """The cell for ``value``, neutralised if a spreadsheet would read it as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def directory_csv(departments):
    """The CSV bytes for ``departments`` (with their directorates) in the active language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(column) for column in HEADER])
    for department in departments:
        row = [
            department.directorate.name,
            department.name,
            department.head_name,
            department.head_title if department.head_name else "",
            department.email,
            absolute(department.get_absolute_url()),
        ]
        writer.writerow([as_text(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
