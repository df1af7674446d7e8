"""Submitting admin forms the way a browser would."""


def change_url(obj, language="el"):
    return f"/{language}/admin/departments/{obj._meta.model_name}/{obj.pk}/change/"


def form_data(response):
    """The data a browser would submit from the admin form in ``response``, unchanged."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def open_form(client, url):
    """GET an admin form page; return its submittable data."""
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response)
