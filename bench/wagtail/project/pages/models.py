"""The directorate page as a Wagtail editor would model it: fields, and its departments as a
StreamField of blocks (each with its competences), stored in the page's own row."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page


class DepartmentBlock(blocks.StructBlock):
    slug = blocks.CharBlock()
    name = blocks.CharBlock()
    head_title = blocks.CharBlock(required=False)
    head_name = blocks.CharBlock(required=False)
    email = blocks.CharBlock(required=False)
    competences = blocks.ListBlock(blocks.TextBlock())


class DirectoratePage(Page):
    section = models.CharField(max_length=200, blank=True)
    parent_unit = models.CharField(max_length=200, blank=True)
    mission = models.TextField()
    head_title = models.CharField(max_length=200, blank=True)
    head_name = models.CharField(max_length=200, blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    legal_basis_url = models.URLField(blank=True)
    departments = StreamField([("department", DepartmentBlock())], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("section"),
        FieldPanel("parent_unit"),
        FieldPanel("mission"),
        FieldPanel("head_title"),
        FieldPanel("head_name"),
        FieldPanel("legal_basis"),
        FieldPanel("legal_basis_url"),
        FieldPanel("departments"),
    ]
