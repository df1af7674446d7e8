"""directory.csv: one row per department, UTF-8 with a BOM so spreadsheets read Greek right."""

import csv
import io

from django.utils.translation import gettext_lazy as _

from opendata.documents import absolute

HEADER = (
    _("Directorate"),
    _("Department"),
    _("Head of department"),
    _("Title"),
    _("Email"),
    _("Page URL"),
)


def directory_csv(departments):
    """The CSV bytes for ``departments`` (with their directorates) in the active language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(column) for column in HEADER])
    for department in departments:
        writer.writerow(
            [
                department.directorate.name,
                department.name,
                department.head_name,
                department.head_title if department.head_name else "",
                department.email,
                absolute(department.get_absolute_url()),
            ]
        )
    return out.getvalue().encode("utf-8-sig")
