from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


def article_form(author, **overrides):
    data = {
        "title": "Immune cells and spread",
        "slug": "immune-cells-and-spread",
        "standfirst": "How immune cells help cancer travel.",
        "body": "## Findings\n\nNeutrophils **matter**.",
        "_action": "save",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "article_authors-TOTAL_FORMS": "1",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "1",
        "article_authors-MAX_NUM_FORMS": "1000",
        "article_authors-0-author": str(author.pk),
        "article_authors-0-position": "0",
    }
    data.update(overrides)
    return data


def test_editors_group_manages_content_but_not_accounts():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "delete_article", "change_author", "change_donationlink"} <= codenames
    assert "change_topic" in codenames
    assert not {"add_user", "change_user", "change_group"} & codenames


def test_add_article_page_has_the_markdown_editor_with_live_preview(editor_client):
    html = editor_client.get(ADD_ARTICLE).content.decode()
    assert 'class="markdownx"' in html
    assert 'data-markdownx-urls-path="/editor/markdownify/"' in html
    assert 'data-markdownx-upload-urls-path="/editor/upload/"' in html
    assert "js/editor-images.js" in html
    assert "Write in Markdown" in html


def test_new_articles_start_as_drafts_and_stay_hidden(editor_client):
    author = AuthorFactory()
    response = editor_client.post(ADD_ARTICLE, article_form(author))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_publishing_from_the_admin_makes_the_article_public(publisher_client):
    author = AuthorFactory()
    response = publisher_client.post(ADD_ARTICLE, article_form(author, _action="publish"))
    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT  # until the confirmation
    publisher_client.post(response["Location"])
    article.refresh_from_db()
    assert article.published_at is not None
    assert article.body_html.startswith('<h2 id="section-findings">')
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Neutrophils <strong>matter</strong>." in page


def test_an_article_needs_at_least_one_author(editor_client):
    author = AuthorFactory()
    data = article_form(author, **{"article_authors-TOTAL_FORMS": "0"})
    response = editor_client.post(ADD_ARTICLE, data)
    assert response.status_code == 200
    assert "Add at least one author: every article needs a byline." in response.content.decode()
    assert Article.objects.count() == 0


def test_body_image_without_description_is_saved_but_not_submitted_with_guidance(editor_client):
    # Never lose work: the draft is saved; the check before publishing refuses the submission.
    author = AuthorFactory()
    data = article_form(author, body="![](/media/uploads/x.png)", _action="submit")
    response = editor_client.post(ADD_ARTICLE, data, follow=True)
    assert "Image 1 in the body has no description for people who cannot see it." in response.content.decode()
    assert Article.objects.get().status == ArticleStatus.DRAFT


def test_hero_image_is_reencoded_under_a_random_name(editor_client, media_root):
    author = AuthorFactory()
    photo = upload(image_bytes("JPEG", size=(3000, 2000)), name="Holiday GPS photo.png")
    editor_client.post(ADD_ARTICLE, article_form(author, hero_image=photo, hero_alt="A lab bench"))
    article = Article.objects.get()
    assert article.hero_image.name.startswith("heroes/")
    assert article.hero_image.name.endswith(".jpg")
    assert "Holiday" not in article.hero_image.name
    assert (article.hero_width, article.hero_height) == (2400, 1600)
    assert Image.open(media_root / article.hero_image.name).format == "JPEG"


def test_svg_hero_image_is_refused_with_a_message(editor_client):
    author = AuthorFactory()
    svg = upload(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', name="x.svg", content_type="image/svg+xml"
    )
    response = editor_client.post(ADD_ARTICLE, article_form(author, hero_image=svg, hero_alt="x"))
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert Article.objects.count() == 0


def test_gif_hero_image_is_refused_by_its_real_format(editor_client):
    author = AuthorFactory()
    gif = upload(image_bytes("GIF"), name="x.png")
    response = editor_client.post(ADD_ARTICLE, article_form(author, hero_image=gif, hero_alt="x"))
    assert "This is a GIF file. Please upload a JPEG, PNG or WebP photo." in response.content.decode()


def test_editing_keeps_the_authors_order(editor_client):
    first, second = AuthorFactory(name="Second Listed"), AuthorFactory(name="First Listed")
    data = article_form(
        first,
        **{
            "article_authors-TOTAL_FORMS": "2",
            "article_authors-0-position": "1",
            "article_authors-1-author": str(second.pk),
            "article_authors-1-position": "0",
        },
    )
    editor_client.post(ADD_ARTICLE, data)
    assert Article.objects.for_listing().get().ordered_authors == [second, first]


def test_article_list_shows_state_authors_and_filters(editor_client):
    author = AuthorFactory(name="Seth Coffelt")
    ArticleFactory(title="Coming soon", authors=[author], published_at=timezone.now() + timedelta(days=3))
    ArticleFactory(title="Draft one", draft=True, topics=[TopicFactory()])
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Scheduled</span>" in html
    assert "Draft</span>" in html
    assert "Dr Seth Coffelt" in html
    assert "By state" in html
    assert "By topics" in html
    assert "By author" in html


def test_admin_search_finds_articles_by_author_name(editor_client):
    ArticleFactory(title="Found it", authors=[AuthorFactory(name="Seth Coffelt")])
    ArticleFactory(title="Not this one")
    html = editor_client.get(reverse("admin:articles_article_changelist") + "?q=Coffelt").content.decode()
    assert "Found it" in html
    assert "Not this one" not in html


def test_author_admin_explains_a_wrong_orcid(editor_client):
    data = {
        "name": "Ada",
        "slug": "ada",
        "honorific": "",
        "role": "",
        "affiliation": "",
        "funder": "",
        "bio": "",
        "photo_alt": "",
        "website": "",
        "orcid": "0000-0002-1825-0098",
    }
    response = editor_client.post(reverse("admin:articles_author_add"), data)
    assert "This ORCID iD has a typing mistake" in response.content.decode()


def test_topic_autocomplete_is_available_to_editors(editor_client):
    TopicFactory(name="Immune system")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "topics", "term": "immune"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Immune system"]
