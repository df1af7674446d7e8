from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from search.signals import build_missing_index, connect_index_signals

        connect_index_signals()
        post_migrate.connect(build_missing_index, sender=self, dispatch_uid="search-index-migrate")
