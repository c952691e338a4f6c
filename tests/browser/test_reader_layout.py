"""How list pages lay out for a reader on a wide screen."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def card_widths(page):
    return page.locator(".card-list > li").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().width)"
    )


def test_the_author_page_cards_are_as_wide_as_on_the_article_list(new_context):
    author = AuthorFactory(bio="Studies how immune cells help tumours spread.")
    ArticleFactory.create_batch(3, authors=[author])
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/articles/")
    on_the_list = card_widths(page)
    page.goto(author.get_absolute_url())
    on_the_author_page = card_widths(page)
    assert len(on_the_author_page) == 3
    assert on_the_author_page == on_the_list
    assert min(on_the_author_page) > 300


def test_the_author_biography_keeps_a_readable_line_length(new_context):
    author = AuthorFactory(bio="Studies how immune cells help tumours spread. " * 20)
    ArticleFactory(authors=[author])
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(author.get_absolute_url())
    width = page.locator(".prose").evaluate("element => element.getBoundingClientRect().width")
    font_size = page.locator(".prose").evaluate(
        "element => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    assert width <= 42 * font_size
