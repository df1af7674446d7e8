"""Editing through the admin over HTTP, as a browser submits its forms."""

import re

from tests.topology.stage import ADMIN_PATH
from tests.topology.webclient import form_fields, with_values


def change_path(model, pk, language="en"):
    return f"/{language}/{ADMIN_PATH}/departments/{model}/{pk}/change/"


def edit(client, model, pk, values, language="en"):
    """Open the change form, replace ``values``, save; the response to the save."""
    path = change_path(model, pk, language)
    page = client.get(path)
    assert page.status == 200, page.status
    fields = with_values(form_fields(page.text, f"{model}_form"), values)
    return client.post(path, fields)


def revert(client, model, pk, language="en"):
    """Restore the version before the latest one from the history page; the save's response."""
    history = f"/{language}/{ADMIN_PATH}/departments/{model}/{pk}/history/"
    page = client.get(history)
    assert page.status == 200, page.status
    records = list(dict.fromkeys(re.findall(rf"{history}(\d+)/", page.text)))
    assert len(records) >= 2, "no earlier version to revert to"
    path = f"{history}{records[1]}/"
    form = client.get(path)
    assert form.status == 200, form.status
    return client.post(path, form_fields(form.text, f"historical{model}_form"))
