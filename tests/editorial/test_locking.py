"""Two people editing the same article: the second save is refused and nothing is lost."""

import pytest
import reversion
from django.contrib.auth.models import Group

from tests.editorial.forms import change_url, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor_client(django_user_model):
    from django.test import Client

    user = django_user_model.objects.create_user("second", "second@example.org", "a-long-password-1", is_staff=True)
    user.first_name, user.last_name = "Sam", "Second"
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article():
    # As after `manage.py createinitialrevisions`: the opened version is in the history.
    with reversion.create_revision():
        return ArticleFactory(title="Original title", body="Original body.")


@pytest.fixture
def two_open_forms(editor_client, second_editor_client, article):
    """Both editors open the form, then the second editor saves first."""
    first = form_data(editor_client, change_url(article))
    second = form_data(second_editor_client, change_url(article))
    second["title"] = "Title from Sam"
    assert second_editor_client.post(change_url(article), second).status_code == 302
    first["body"] = "Body typed by the first editor."
    return first


def test_second_save_is_refused(editor_client, article, two_open_forms):
    response = editor_client.post(change_url(article), two_open_forms)
    assert response.status_code == 200


def test_refused_save_keeps_the_other_editors_change(editor_client, article, two_open_forms):
    editor_client.post(change_url(article), two_open_forms)
    article.refresh_from_db()
    assert article.title == "Title from Sam"


def test_refused_save_does_not_write_the_stale_body(editor_client, article, two_open_forms):
    editor_client.post(change_url(article), two_open_forms)
    article.refresh_from_db()
    assert article.body == "Original body."


def test_conflict_says_who_saved_in_between(editor_client, article, two_open_forms):
    response = editor_client.post(change_url(article), two_open_forms)
    assert "Sam Second saved this article at" in response.content.decode()


def test_conflict_names_the_fields_they_changed(editor_client, article, two_open_forms):
    response = editor_client.post(change_url(article), two_open_forms)
    assert "They changed: Title." in response.content.decode()


def test_conflict_keeps_the_typed_text_in_the_form(editor_client, article, two_open_forms):
    response = editor_client.post(change_url(article), two_open_forms)
    assert response.context["adminform"].form["body"].value() == "Body typed by the first editor."


def test_conflict_links_to_a_comparison_of_their_change(editor_client, article, two_open_forms):
    from reversion.models import Version

    opened, theirs = Version.objects.get_for_object(article).order_by("pk")
    response = editor_client.post(change_url(article), two_open_forms)
    compare = f"/admin/articles/article/{article.pk}/history/compare/?older={opened.pk}&amp;newer={theirs.pk}"
    assert f'href="{compare}">what they changed</a>' in response.content.decode()


def test_saving_again_after_the_conflict_is_accepted(editor_client, article, two_open_forms):
    response = editor_client.post(change_url(article), two_open_forms)
    again = form_data_from(response)
    assert editor_client.post(change_url(article), again).status_code == 302


def test_saving_again_keeps_the_typed_body(editor_client, article, two_open_forms):
    response = editor_client.post(change_url(article), two_open_forms)
    editor_client.post(change_url(article), form_data_from(response))
    article.refresh_from_db()
    assert article.body == "Body typed by the first editor."


def test_the_overwritten_version_stays_in_the_history(editor_client, article, two_open_forms):
    from reversion.models import Version

    response = editor_client.post(change_url(article), two_open_forms)
    editor_client.post(change_url(article), form_data_from(response))
    titles = [v.field_dict["title"] for v in Version.objects.get_for_object(article)]
    assert "Title from Sam" in titles


def test_post_without_the_version_is_refused(editor_client, article):
    data = form_data(editor_client, change_url(article))
    del data["opened_version"]
    data["body"] = "Sneaky."
    editor_client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.body == "Original body."


def form_data_from(response):
    """The data the re-shown form holds: the user's typing plus the refreshed version."""
    form = response.context["adminform"].form
    data = dict(form.data.items())
    data.update({key: form.data.getlist(key) for key in form.data if len(form.data.getlist(key)) > 1})
    for key in ("topics", "related_articles"):
        data[key] = form.data.getlist(key)
    return data
