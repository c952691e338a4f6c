"""Readers on slow phone connections: pages stay small and need no JavaScript."""

import base64
import hashlib
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


def test_the_stylesheet_is_inlined_whole_within_its_budget_so_nothing_blocks_the_first_paint(client, full_site):
    html = client.get(reverse("articles:home")).content.decode()
    assert re.findall(r'<link rel="stylesheet"', html) == []
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    # site.css, then prose.css (the article typography, shared with the admin's preview).
    source = ""
    for stylesheet in ("css/site.css", "css/prose.css"):
        with open(finders.find(stylesheet), encoding="utf-8") as css:
            source += css.read()
    assert styles == [re.sub(r"/\*.*?\*/\n?", "", source, flags=re.S)]  # comments stay in the sources
    assert len(styles[0].encode()) < CSS_BUDGET


def test_the_policy_allows_that_one_style_block_by_its_hash_and_no_other_inline_style(client, full_site):
    response = client.get(full_site.get_absolute_url())
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    style_src = re.search(r"style-src ([^;]*)", response["Content-Security-Policy"]).group(1).split()
    assert style_src == ["'self'", f"'sha256-{digest}'"]
