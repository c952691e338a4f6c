"""The footer's pages (contact, privacy, accessibility, how we write): sanitised, changed by Publishers only."""

import pytest
from django.urls import reverse

from articles.editorial import changes
from articles.models import AuditAction, AuditEntry, SitePage
from articles.models.pages import FOOTER_PAGES
from tests.factories import ArticleFactory
from tests.html_safety import script_vectors

pytestmark = pytest.mark.django_db


def test_every_page_has_the_footer_with_the_charity_number_and_the_page_links(client):
    article = ArticleFactory()
    for url in (reverse("articles:home"), article.get_absolute_url(), reverse("articles:site_page", args=["privacy"])):
        html = client.get(url).content.decode()
        assert "Breast Cancer Now. Registered charity number 1160558." in html
        for slug, label in FOOTER_PAGES:
            assert f'<a href="{reverse("articles:site_page", args=[slug])}">{label}</a>' in html


def test_the_charity_number_comes_from_the_settings(client, settings):
    settings.CHARITY_NAME, settings.CHARITY_NUMBER = "Another Charity", "SC000001"
    html = client.get(reverse("articles:home")).content.decode()
    assert "&copy;" in html
    assert "Another Charity. Registered charity number SC000001." in html


def test_every_footer_link_leads_to_a_page_with_text(client):
    for slug, _label in FOOTER_PAGES:
        response = client.get(reverse("articles:site_page", args=[slug]))
        html = response.content.decode()
        assert response.status_code == 200, slug
        assert html.count("<h1") == 1
        assert "<h2" in html  # the starting text has sections
        assert not response.cookies


def test_a_missing_page_is_not_found(client):
    assert client.get(reverse("articles:site_page", args=["no-such-page"])).status_code == 404


def test_hostile_markdown_in_a_page_reaches_readers_inert(client, xss_payloads):
    page = SitePage.objects.get(slug="accessibility")
    page.body = "## Our promise\n\n" + "\n\n".join(xss_payloads[:1500])[:29_000]
    changes.save_object(None, page)
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<h2 id="section-our-promise">Our promise</h2>' in html
    assert script_vectors(html) == []


def test_a_publisher_saves_a_page_live_through_the_write_path_with_an_audit_entry(publisher_client):
    page = SitePage.objects.get(slug="contact")
    response = publisher_client.post(
        reverse("admin:articles_sitepage_change", args=[page.pk]),
        {"title": "Contact us", "body": "Write to **the editors**."},
    )
    assert response.status_code == 302
    html = publisher_client.get(page.get_absolute_url()).content.decode()
    assert "Write to <strong>the editors</strong>." in html
    entry = AuditEntry.objects.get(action=AuditAction.PUBLISH, object_id=str(page.pk))
    assert (entry.actor_name, entry.object_repr) == ("publisher", "Contact us")


def test_an_editor_reads_a_page_in_the_admin_but_cannot_change_it(editor_client, editor_user):
    page = SitePage.objects.get(slug="privacy")
    url = reverse("admin:articles_sitepage_change", args=[page.pk])
    assert editor_client.get(url).status_code == 200
    assert editor_client.post(url, {"title": "Privacy", "body": "Changed by an editor."}).status_code == 403
    page.body = "Changed by an editor."
    with pytest.raises(changes.Refused, match="Only Publishers can change the site's pages"):
        changes.save_object(editor_user, page)
    assert "Changed by an editor" not in SitePage.objects.get(pk=page.pk).body_html


def test_pages_are_re_rendered_with_everything_else():
    page = SitePage.objects.get(slug="privacy")
    SitePage.objects.filter(pk=page.pk).update(body_html="<p>stale</p>")
    assert changes.rerender_all() >= 1
    assert "stale" not in SitePage.objects.get(pk=page.pk).body_html
