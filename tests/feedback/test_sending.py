"""A reader answers "Was this page useful?" with a plain form post, and spam is kept out."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Feedback
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(title="Immune cells and spread")


@pytest.fixture
def reader():
    """A browser without JavaScript, with CSRF checks on as a real one would meet them."""
    return Client(enforce_csrf_checks=True)


def send(reader, article, **fields):
    """Posts the form; upper-case names (HTTP_ORIGIN, REMOTE_ADDR) are request headers, not fields."""
    meta = {name: value for name, value in fields.items() if name.isupper()}
    data = {"useful": "yes", "comment": "", "email": "", "leave_empty": ""}
    data.update({name: value for name, value in fields.items() if not name.isupper()})
    return reader.post(reverse("articles:feedback", args=[article.slug]), data, **meta)


def test_a_plain_form_post_is_stored_and_the_reader_is_thanked(reader, article):
    response = send(reader, article, useful="no", comment="The second section lost me.")
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:feedback_thanks", args=[article.slug])
    answer = Feedback.objects.get()
    assert (answer.article, answer.useful, answer.comment) == (article, False, "The second section lost me.")
    thanks = reader.get(response["Location"])
    html = thanks.content.decode()
    assert "Thank you for your answer" in html
    assert f'<a href="{article.get_absolute_url()}">Back to “Immune cells and spread”</a>' in html


def test_the_thank_you_page_is_never_cached_and_sets_no_cookie(reader, article):
    thanks = reader.get(reverse("articles:feedback_thanks", args=[article.slug]))
    assert "no-store" in thanks["Cache-Control"]
    assert not thanks.cookies


def test_sending_sets_no_cookie_and_needs_no_session(reader, article):
    response = send(reader, article)
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_no_personal_data_is_kept_without_an_email(reader, article):
    send(reader, article, comment="Helpful", REMOTE_ADDR="203.0.113.7")
    stored = Feedback.objects.values().get()
    assert stored["email"] == ""
    assert "203.0.113.7" not in str(stored)
    assert set(stored) == {"id", "article_id", "useful", "comment", "email", "created_at"}


def test_an_email_is_kept_only_when_the_reader_gives_one(reader, article):
    send(reader, article, email="reader@example.org")
    assert Feedback.objects.get().email == "reader@example.org"


def test_a_comment_of_1000_characters_is_accepted_and_one_more_is_refused_with_the_reason(reader, article):
    assert send(reader, article, comment="a" * 1000).status_code == 302
    refused = send(reader, article, comment="b" * 1001)
    assert refused.status_code == 400
    assert "Please shorten your comment to 1,000 characters (it has 1001)." in refused.content.decode()
    assert Feedback.objects.count() == 1


def test_line_breaks_count_once_as_the_browser_counts_them(reader, article):
    comment = "line\r\n" * 199 + "abcde"  # 1,000 characters as typed; 1,199 as sent
    assert send(reader, article, comment=comment).status_code == 302
    assert len(Feedback.objects.get().comment) == 1000


def test_no_answer_is_refused_with_the_form_shown_again(reader, article):
    refused = send(reader, article, useful="", comment="Kept for the second try")
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Please choose Yes or No." in html
    assert "Kept for the second try</textarea>" in html
    assert "csrfmiddlewaretoken" not in html
    assert not Feedback.objects.exists()


def test_a_bad_email_is_refused_in_words(reader, article):
    refused = send(reader, article, email="not an address")
    assert refused.status_code == 400
    assert "This does not look like an email address" in refused.content.decode()


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored(reader, article):
    response = send(reader, article, leave_empty="https://spam.example/")
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_a_client_sending_too_many_answers_is_paused(reader, article, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    assert [send(reader, article).status_code for _ in range(3)] == [302, 302, 302]
    paused = send(reader, article)
    assert paused.status_code == 429
    assert "Please try again in a little while." in paused.content.decode()
    assert Feedback.objects.count() == 3
    # Another connection is counted on its own.
    assert send(reader, article, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_the_rate_limit_counts_the_client_behind_a_trusted_proxy(reader, article, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert send(reader, article, HTTP_X_FORWARDED_FOR="203.0.113.1", **via_proxy).status_code == 302
    assert send(reader, article, HTTP_X_FORWARDED_FOR="203.0.113.2", **via_proxy).status_code == 302
    assert send(reader, article, HTTP_X_FORWARDED_FOR="203.0.113.1", **via_proxy).status_code == 429


def test_the_rate_limit_keeps_no_address_in_the_cache(reader, article, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "probe"}}
    from django.core.cache import cache

    send(reader, article, REMOTE_ADDR="203.0.113.77")
    keys = list(cache._cache)
    assert keys
    assert not any("203.0.113.77" in key for key in keys)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
    ids=["fetch-metadata", "origin", "referer"],
)
def test_a_post_from_another_site_is_refused(reader, article, headers):
    refused = send(reader, article, **headers)
    assert refused.status_code == 403
    assert "sent from a page on another website" in refused.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/articles/x/"},
        {},
    ],
    ids=["fetch-metadata", "origin", "referer", "no-headers"],
)
def test_a_post_from_this_site_or_saying_nothing_is_accepted(reader, article, headers):
    assert send(reader, article, **headers).status_code == 302


def test_feedback_on_an_unpublished_article_is_not_found(reader):
    assert send(reader, ArticleFactory(draft=True)).status_code == 404


def test_a_get_is_not_allowed(reader, article):
    assert reader.get(reverse("articles:feedback", args=[article.slug])).status_code == 405


def test_a_huge_body_is_refused_before_it_is_read(reader, article):
    refused = reader.post(
        reverse("articles:feedback", args=[article.slug]),
        {"useful": "yes", "comment": "x" * 40_000},
    )
    assert refused.status_code == 413
    assert "Please shorten your comment to 1,000 characters." in refused.content.decode()
    assert not Feedback.objects.exists()


def test_a_nul_byte_in_a_comment_is_refused_in_words(reader, article):
    refused = send(reader, article, comment="before\x00after")
    assert refused.status_code == 400
    assert not Feedback.objects.exists()


def test_a_full_comment_of_four_byte_characters_still_fits(reader, article):
    assert send(reader, article, comment="🙂" * 1000, email="reader@example.org").status_code == 302
    assert Feedback.objects.get().comment == "🙂" * 1000
