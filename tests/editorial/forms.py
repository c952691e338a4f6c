"""Build the POST the article change form would send, from what the admin rendered."""

from django import forms
from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(client, url):
    """Every field of the rendered admin form, as a browser would submit it unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if field.disabled:
            continue
        if hasattr(field.widget, "widgets"):  # split date and time
            parts = field.widget.decompress(value) if value else ["", ""]
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = "" if part is None else str(part)
            continue
        if value is None and isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[name] = []
        elif isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if isinstance(value, bool):
                    if value:
                        data[inline_form.add_prefix(name)] = "on"
                else:
                    data[inline_form.add_prefix(name)] = "" if value is None else str(value)
    return data


def press(client, article, action="save", **changes):
    """Open the change form, change ``changes`` and press the button whose ``_action`` is ``action``."""
    url = change_url(article)
    data = form_data(client, url)
    data.update(changes)
    data["_action"] = action
    return client.post(url, data)
