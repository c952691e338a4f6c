import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article, Author, DonationLink, Topic
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_a_readable_site_and_is_safe_to_repeat(client):
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    assert Article.objects.count() == 10  # eight live, one scheduled, one draft
    assert Author.objects.count() == 5
    assert Topic.objects.count() == 4
    assert DonationLink.objects.filter(is_default=True).count() == 1
    lead = Article.objects.get(slug="immune-cells-that-help-breast-cancer-spread")
    assert lead.ordered_authors[0].display_name == "Dr Seth Coffelt"
    page = client.get(lead.get_absolute_url()).content.decode()
    assert "University of Glasgow" in page
    assert "Updated" not in page  # freshly seeded content has not been edited since publication
    assert "Funded by Breast Cancer Now" in page
    assert 'alt="Illustration of small immune cells clustering around a larger tumour cell"' in page
    # Its topic runs a campaign, which takes precedence over the site default.
    assert "Fund scientists learning how to stop breast cancer returning elsewhere in the body." in page


def test_seed_demo_keeps_its_draft_hidden(client):
    call_command("seed_demo", stdout=None)
    draft = Article.objects.get(slug="coming-soon-blood-tests-for-spread")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_rerender_markdown_refreshes_stale_html_without_touching_updated_at():
    article = ArticleFactory(body="**bold**")
    stamp = article.updated_at
    Article.objects.filter(pk=article.pk).update(body_html="<p>stale</p><script>alert(1)</script>")
    call_command("rerender_markdown", stdout=None)
    article.refresh_from_db()
    assert article.body_html == "<p><strong>bold</strong></p>"
    assert article.updated_at == stamp


def test_demo_admin_is_created_once_with_a_printed_password(settings, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_admin")
    first = capsys.readouterr().out
    password = first.split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)
    call_command("ensure_demo_admin")
    assert "existing account" in capsys.readouterr().out
    assert get_user_model().objects.count() == 1


def test_demo_admin_is_never_created_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG is off"):
        call_command("ensure_demo_admin")
    assert not get_user_model().objects.exists()
