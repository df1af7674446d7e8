"""The accessibility statement required by Law 4591/2019 (Directive (EU) 2016/2102)."""

import datetime

from django.views.generic import TemplateView

# Update both dates whenever the statement is reviewed; the page shows them.
STATEMENT_PREPARED = datetime.date(2026, 11, 26)
STATEMENT_REVIEWED = datetime.date(2026, 11, 26)


class StatementView(TemplateView):
    template_name = "accessibility/statement.html"
    extra_context = {"prepared": STATEMENT_PREPARED, "reviewed": STATEMENT_REVIEWED}
