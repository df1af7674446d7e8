"""The accessibility statement required by Law 4591/2019 (Directive (EU) 2016/2102)."""

import datetime

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from serving.pagecache import cache_public_page

# Update both dates whenever the statement is reviewed; the page shows them.
STATEMENT_PREPARED = datetime.date(2026, 11, 26)
STATEMENT_REVIEWED = datetime.date(2026, 11, 26)


@method_decorator(cache_public_page, name="dispatch")
class StatementView(TemplateView):
    template_name = "accessibility/statement.html"
    extra_context = {"prepared": STATEMENT_PREPARED, "reviewed": STATEMENT_REVIEWED}
