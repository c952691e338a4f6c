"""Readers on slow phone connections: pages stay small and need no JavaScript."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db

HTML_BUDGET = 30 * 1024
CSS_BUDGET = 16 * 1024


@pytest.fixture
def full_site():
    topic = TopicFactory()
    articles = [ArticleFactory(topics=[topic]) for _ in range(14)]
    return articles[0]


@pytest.mark.parametrize(
    "url",
    [lambda a: reverse("articles:home"), lambda a: reverse("articles:article_list"), lambda a: a.get_absolute_url()],
    ids=["home", "article-list", "article"],
)
def test_pages_fit_the_html_budget_and_run_no_script(client, full_site, url):
    html = client.get(url(full_site)).content
    assert len(html) < HTML_BUDGET
    assert re.findall(rb"<script(?! type=\"application/ld\+json\">)", html) == []


def test_the_stylesheets_fit_their_budget(client, full_site):
    # prose.css holds the article typography, shared with the admin's preview (issue 12).
    html = client.get(reverse("articles:home")).content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)">', html)
    assert stylesheets == ["css/site.css", "css/prose.css"]
    total = 0
    for stylesheet in stylesheets:
        with open(finders.find(stylesheet), "rb") as css:
            total += len(css.read())
    assert total < CSS_BUDGET
