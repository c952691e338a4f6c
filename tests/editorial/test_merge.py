"""Two people editing the same article at once, through HTTP: merged field by field, never silently lost."""

import pytest
from django.test import Client

from articles.models import WorkingCopy
from tests.conftest import make_staff
from tests.editorial.forms import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def editor(django_user_model, username, first_name):
    """An Editor's own browser (one ``Client`` each: the ``client`` fixture is shared)."""
    user = make_staff(django_user_model, username, "Editors")
    user.first_name = first_name
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice(django_user_model):
    return editor(django_user_model, "alice", "Alice")


@pytest.fixture
def bob(django_user_model):
    return editor(django_user_model, "bob", "Bob")


@pytest.fixture
def article():
    return ArticleFactory(draft=True, title="Original title", body="Original body.", standfirst="Original standfirst.")


def opened(client, article):
    data = form_data(client, change_url(article))
    data["_action"] = "save"
    return data


def post(client, article, data):
    return client.post(change_url(article), data)


def test_different_fields_are_both_kept(alice, bob, article):
    a, b = opened(alice, article), opened(bob, article)
    a["title"] = "Title from Alice"
    b["body"] = "Body from Bob."
    assert post(alice, article, a).status_code == 302
    assert post(bob, article, b).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Title from Alice", "Body from Bob.")


@pytest.fixture
def title_conflict(alice, bob, article):
    """Both change the title; Alice saves first; Bob also changed the standfirst."""
    a, b = opened(alice, article), opened(bob, article)
    a["title"] = "Title from Alice"
    b["title"] = "Title from Bob"
    b["standfirst"] = "Standfirst from Bob."
    assert post(alice, article, a).status_code == 302
    return post(bob, article, b)


def test_same_field_refuses_the_second_save(title_conflict):
    assert title_conflict.status_code == 200
    assert title_conflict.context["adminform"].form.errors


def test_the_refusal_shows_both_versions_side_by_side(title_conflict):
    page = title_conflict.content.decode()
    assert "changed the same field as you" in page
    assert '<th scope="row">Title</th><td>Title from Bob</td><td>Title from Alice</td>' in page


def test_nothing_of_the_refused_save_is_written(title_conflict, article):
    article.refresh_from_db()
    assert (article.title, article.standfirst) == ("Title from Alice", "Original standfirst.")


def test_the_refused_form_keeps_what_bob_typed(title_conflict):
    form = title_conflict.context["adminform"].form
    assert (form["title"].value(), form["standfirst"].value()) == ("Title from Bob", "Standfirst from Bob.")


def test_saving_again_after_the_refusal_is_deliberate_and_works(title_conflict, bob, article):
    again = dict(title_conflict.context["adminform"].form.data.items())
    again["topics"] = []
    assert post(bob, article, again).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.standfirst) == ("Title from Bob", "Standfirst from Bob.")


def test_a_byline_conflict_is_refused(alice, bob, article):
    first, second = AuthorFactory(name="Ada Alpha"), AuthorFactory(name="Ben Beta")
    a, b = opened(alice, article), opened(bob, article)
    a["article_authors-0-author"] = str(first.pk)
    b["article_authors-0-author"] = str(second.pk)
    assert post(alice, article, a).status_code == 302
    response = post(bob, article, b)
    assert response.status_code == 200
    assert "changed the same field as you" in response.content.decode()
    assert article.ordered_authors == [first]


def test_topics_and_title_changed_by_two_people_are_both_kept(alice, bob, article):
    topic = TopicFactory(name="Metastasis")
    a, b = opened(alice, article), opened(bob, article)
    a["topics"] = [str(topic.pk)]
    b["title"] = "Title from Bob"
    assert post(alice, article, a).status_code == 302
    assert post(bob, article, b).status_code == 302
    article.refresh_from_db()
    assert article.title == "Title from Bob"
    assert list(article.topics.all()) == [topic]


def test_two_edits_of_a_live_article_merge_in_its_working_copy(alice, bob):
    live = ArticleFactory(title="Live title", body="Live body.")
    a, b = opened(alice, live), opened(bob, live)
    a["title"] = "Title from Alice"
    b["body"] = "Body from Bob."
    assert post(alice, live, a).status_code == 302
    assert post(bob, live, b).status_code == 302
    content = WorkingCopy.objects.get(article=live).content
    assert (content["title"], content["body"]) == ("Title from Alice", "Body from Bob.")


def test_same_field_of_a_live_article_is_refused_too(alice, bob):
    live = ArticleFactory(title="Live title", body="Live body.")
    a, b = opened(alice, live), opened(bob, live)
    a["title"] = "Title from Alice"
    b["title"] = "Title from Bob"
    post(alice, live, a)
    assert post(bob, live, b).status_code == 200
    assert WorkingCopy.objects.get(article=live).content["title"] == "Title from Alice"


@pytest.mark.parametrize("edit_base", [None, "{not json", "[]"])
def test_a_save_without_a_valid_edit_base_is_refused_not_applied_blindly(alice, bob, article, edit_base):
    a, b = opened(alice, article), opened(bob, article)
    a["title"] = "Title from Alice"
    post(alice, article, a)
    b["body"] = "Body from Bob."
    if edit_base is None:
        del b["edit_base"]
    else:
        b["edit_base"] = edit_base
    response = post(bob, article, b)
    assert response.status_code == 200
    assert "did not say which version of the article it was opened with" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.body) == ("Title from Alice", "Original body.")


def test_saving_again_after_a_missing_edit_base_works(bob, article):
    data = opened(bob, article)
    del data["edit_base"]
    data["body"] = "Body from Bob."
    response = post(bob, article, data)
    again = dict(response.context["adminform"].form.data.items())
    again["topics"] = []
    assert post(bob, article, again).status_code == 302
    article.refresh_from_db()
    assert article.body == "Body from Bob."
