"""Build the directorate page from the JSON bench/render.py dumped from the site's database,
as the site's root page (the default "Welcome" page is removed)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from wagtail.models import Page, Site

from pages.models import DirectoratePage


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("content", type=Path)

    def handle(self, content, **options):
        data = json.loads(content.read_text(encoding="utf-8"))
        root = Page.get_first_root_node()
        DirectoratePage.objects.all().delete()
        page = DirectoratePage(
            title=data["name"],
            slug=data["slug"],
            section=data["section"],
            parent_unit=data["parent_unit"],
            mission=data["mission"],
            head_title=data["head_title"],
            head_name=data["head_name"],
            legal_basis=data["legal_basis"],
            legal_basis_url=data["legal_basis_url"],
            departments=[("department", department) for department in data["departments"]],
        )
        root.add_child(instance=page)
        page.save_revision().publish()
        site = Site.objects.get(is_default_site=True)
        old_root = site.root_page
        site.root_page = page
        site.save()
        if old_root.pk != page.pk and not isinstance(old_root.specific, DirectoratePage):
            old_root.delete()
        self.stdout.write(f"page {page.pk}: {len(data['departments'])} departments")
