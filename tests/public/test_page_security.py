"""Attack strings typed into any field an editor fills reach readers as inert text."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory
from tests.html_safety import script_vectors
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def public_pages(client, article, author, topic):
    urls = [
        reverse("articles:home"),
        reverse("articles:article_list"),
        article.get_absolute_url(),
        reverse("articles:author_list"),
        author.get_absolute_url(),
        topic.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_the_whole_xss_corpus_in_body_and_bio_reaches_readers_inert(client, xss_payloads):
    author = AuthorFactory(bio="\n\n".join(xss_payloads))
    topic = TopicFactory()
    article = ArticleFactory(body="\n\n".join(xss_payloads), authors=[author], topics=[topic])
    for url, html in public_pages(client, article, author, topic):
        assert script_vectors(html) == [], url


def short_payloads(xss_payloads, limit):
    return [p for p in xss_payloads if len(p) <= limit]


def test_xss_in_every_plain_text_field_is_escaped(client, xss_payloads):
    """Titles, standfirsts, captions, credits, alt texts, names and calls to action, with batches
    of payloads taken from five places across the corpus (these fields are escaped, not sanitised,
    so a spread sample shows it; the full corpus runs through the sanitised fields above)."""
    payloads = short_payloads(xss_payloads, 120)
    batch_size = 40
    for start in range(0, len(payloads), len(payloads) // 5):
        batch = payloads[start : start + batch_size]
        joined = " ".join(batch)[:118]
        author = AuthorFactory(
            name=joined,
            role=joined,
            affiliation=joined,
            funder=joined,
            honorific=batch[0][:40],
            photo=upload(image_bytes()),
            photo_alt=joined,
        )
        topic = TopicFactory(name=joined[:100], description=joined)
        link = DonationLinkFactory(call_to_action=joined, button_label=batch[0][:40], is_default=True)
        article = ArticleFactory(
            title=joined,
            standfirst=joined,
            hero_image=upload(image_bytes()),
            hero_alt=joined,
            hero_caption=joined,
            hero_credit=joined,
            authors=[author],
            topics=[topic],
            donation_link=link,
            featured=True,
        )
        for url, html in public_pages(client, article, author, topic):
            assert script_vectors(html) == [], (url, joined)


@pytest.mark.parametrize(
    "payload",
    [
        '"><script>alert(1)</script>',
        "' onmouseover='alert(1)",
        '" onfocus="alert(1)" autofocus="',
        "</title><script>alert(1)</script>",
        "<svg/onload=alert(1)>",
        "javascript:alert(1)",
    ],
)
def test_attribute_breakouts_in_alt_text_and_titles_are_escaped(client, payload):
    article = ArticleFactory(title=payload, standfirst=payload, hero_image=upload(image_bytes()), hero_alt=payload)
    html = client.get(article.get_absolute_url()).content.decode()
    assert script_vectors(html) == []
    assert escape(payload) in html
