"""JSON-LD of a reviewed article: the page it is the main entity of says when, and by whom, it was reviewed."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests import editing
from tests.discovery.test_seo import of_type, page
from tests.factories import ArticleFactory, AuthorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

DEC_4 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def web_page(client, article):
    return of_type(page(client, article.get_absolute_url()), "NewsArticle")["mainEntityOfPage"]


def test_a_reviewed_article_has_last_reviewed_and_reviewed_by(client):
    author = AuthorFactory(name="Seth Coffelt")
    ArticleFactory(health=True, authors=[author])
    shah = ReviewerFactory(
        name="Dr Priya Shah",
        role="Consultant Breast Surgeon",
        qualification="MBChB FRCS",
        organisation="Leeds Teaching Hospitals NHS Trust",
    )
    coffelt = ReviewerFactory(name="Dr Seth Coffelt", role="", qualification="", organisation="", author=author)
    article = ArticleFactory(health=True, draft=True)
    with time_machine.travel(DEC_4, tick=False):
        editing.review(article, [shah, coffelt])
    url = f"http://testserver{article.get_absolute_url()}"
    assert web_page(client, article) == {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "lastReviewed": "2026-12-04",
        "reviewedBy": [
            {
                "@type": "Person",
                "name": "Dr Priya Shah",
                "jobTitle": "Consultant Breast Surgeon",
                "hasCredential": {"@type": "EducationalOccupationalCredential", "name": "MBChB FRCS"},
                "affiliation": {"@type": "Organization", "name": "Leeds Teaching Hospitals NHS Trust"},
            },
            {"@type": "Person", "name": "Dr Seth Coffelt", "url": f"http://testserver{author.get_absolute_url()}"},
        ],
    }


def test_last_reviewed_is_an_iso_date(client):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [ReviewerFactory()])
    datetime.strptime(web_page(client, article)["lastReviewed"], "%Y-%m-%d")  # schema.org Date


def test_an_article_never_reviewed_has_neither_property(client):
    shown = web_page(client, ArticleFactory(health=True))
    assert "lastReviewed" not in shown
    assert "reviewedBy" not in shown


def test_a_page_without_health_information_is_a_plain_web_page(client):
    article = ArticleFactory(health=True)
    editing.edit(article, gives_health_information=False)
    assert web_page(client, article)["@type"] == "WebPage"


def test_the_news_article_still_points_at_its_page(client):
    article = ArticleFactory(health=True)
    assert web_page(client, article)["@id"] == f"http://testserver{article.get_absolute_url()}"
