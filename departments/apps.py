from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Directorate content")

    def ready(self):
        from departments.signals import connect_content_signals
        from departments.workflow_metrics import connect_workflow_metrics

        connect_content_signals()
        connect_workflow_metrics()
