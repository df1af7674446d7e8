"""Every save or delete of public content raises the content generation (serving/generation.py)."""

from django.db.models.signals import post_delete, post_save

from serving.generation import bump_content_generation


def content_changed(sender, **kwargs):
    bump_content_generation()


def connect_content_signals():
    from departments.models import Competence, Department, Directorate, ViberCommunity

    for model in (Directorate, Department, Competence, ViberCommunity):
        uid = f"content-version-{model.__name__}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
