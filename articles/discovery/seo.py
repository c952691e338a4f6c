"""Canonical URLs, OpenGraph/Twitter tags and JSON-LD for every public page.

JSON-LD goes into a ``<script type="application/ld+json">`` block, and the text in it is
editors' text (titles, names). It is serialised with ``json.dumps`` and then ``<``, ``>`` and
``&`` are written as ``\\u003C``-style escapes, the same rule as Django's ``json_script``: a
title containing ``</script>`` stays a string inside the data and cannot end the block.
Nothing here builds JSON or HTML by joining strings.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.public.review_record import review_summary

_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
LOGO_PATH = "img/logo.svg"


@dataclass
class PageMetadata:
    title: str
    description: str
    canonical_url: str
    image_url: str
    image_alt: str
    og_type: str = "website"
    structured_data: list = field(default_factory=list)
    published: object = None
    modified: object = None

    @property
    def twitter_card(self):
        return "summary" if self.image_url.endswith(".svg") else "summary_large_image"

    def json_ld(self):
        return json_ld_script(self.structured_data)


def json_ld_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


def canonical_url(request):
    """The page's own address, keeping only the page number of a paginated list."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


def _logo(request):
    return request.build_absolute_uri(static(LOGO_PATH))


def publisher(request):
    return {
        "@type": "Organization",
        "name": settings.CHARITY_NAME,
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {"@type": "ImageObject", "url": _logo(request)},
    }


def breadcrumbs(request, trail):
    """``trail``: (name, path) pairs from the home page down to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": request.build_absolute_uri(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def person(request, author):
    data = {
        "@type": "Person",
        "name": author.display_name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    if author.role:
        data["jobTitle"] = author.role
    if author.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    same_as = [url for url in (author.orcid_url, author.website) if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def reviewer(request, person_reviewing, page=""):
    """A reviewer as schema.org ``Person``: role as job title, qualification as a credential."""
    data = {"@type": "Person", "name": person_reviewing.name}
    if person_reviewing.role:
        data["jobTitle"] = person_reviewing.role
    if person_reviewing.qualification:
        data["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": person_reviewing.qualification,
        }
    if person_reviewing.organisation:
        data["affiliation"] = {"@type": "Organization", "name": person_reviewing.organisation}
    if page:
        data["url"] = request.build_absolute_uri(page)
    return data


def web_page(request, article, url):
    """The page an article is the main entity of; with its review (``lastReviewed``, ``reviewedBy``) if any.

    Those two are properties of ``WebPage``, not of ``NewsArticle``; health information is a
    ``MedicalWebPage``.
    """
    page = {"@type": "MedicalWebPage" if article.gives_health_information else "WebPage", "@id": url, "url": url}
    summary = review_summary(article)
    if summary.last_reviewed:
        page["lastReviewed"] = summary.last_reviewed.isoformat()
        people = [reviewer(request, someone, summary.author_page(someone)) for someone in summary.reviewers]
        if people:
            page["reviewedBy"] = people
    return page


def _home_crumb():
    return (settings.SITE_NAME, reverse("articles:home"))


def for_page(request, title, description, trail=()):
    """``trail``: the crumbs below the home page; the home page itself has none."""
    structured_data = [
        {"@context": "https://schema.org", "@type": "WebPage", "name": title, "description": description}
    ]
    if trail:
        # Google ignores (and its test flags) a BreadcrumbList of fewer than two items.
        structured_data.append({"@context": "https://schema.org", **breadcrumbs(request, [_home_crumb(), *trail])})
    return PageMetadata(
        title=title,
        description=description,
        canonical_url=canonical_url(request),
        image_url=_logo(request),
        image_alt=f"{settings.SITE_NAME} logo",
        structured_data=structured_data,
    )


def for_article(request, article, authors):
    title = article.seo_title or article.title
    description = article.seo_description or article.standfirst
    if article.social_image:
        image_url, image_alt = request.build_absolute_uri(article.social_image.url), article.social_image_alt
    elif article.hero_image:
        image_url, image_alt = request.build_absolute_uri(article.hero_image.url), article.hero_alt
    else:
        image_url, image_alt = _logo(request), f"{settings.SITE_NAME} logo"
    url = request.build_absolute_uri(article.get_absolute_url())
    # A staff or share-link preview of a draft has no publication date yet.
    modified = max(filter(None, [article.updated_at, article.published_at]))
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "description": description,
        "url": url,
        "mainEntityOfPage": web_page(request, article, url),
        "image": [image_url],
        "datePublished": article.published_at,
        "dateModified": modified,
        "author": [person(request, author) for author in authors],
        "publisher": publisher(request),
    }
    cited = [cited_work(source) for source in article.references.all()]
    if cited:
        news_article["citation"] = cited
    trail = [_home_crumb(), ("Articles", reverse("articles:article_list")), (article.title, article.get_absolute_url())]
    return PageMetadata(
        title=title,
        description=description,
        canonical_url=url,
        image_url=image_url,
        image_alt=image_alt,
        og_type="article",
        published=article.published_at,
        modified=modified,
        structured_data=[news_article, {"@context": "https://schema.org", **breadcrumbs(request, trail)}],
    )


def cited_work(source):
    """One of the article's sources, as schema.org's ``citation`` (no metadata is looked up: the editor's words)."""
    work = {"@type": "CreativeWork", "name": source.title}
    if source.year:
        work["datePublished"] = str(source.year)
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    identifiers = [
        {"@type": "PropertyValue", "propertyID": kind, "value": value}
        for kind, value in (("DOI", source.doi), ("PMID", source.pmid))
        if value
    ]
    if identifiers:
        work["identifier"] = identifiers
    links = [url for url in (source.doi_url, source.pubmed_url, source.web_url) if url]
    if links:
        work["url"] = links[0]
    if links[1:]:
        work["sameAs"] = links[1:]
    return work


def for_author(request, author):
    description = ", ".join(part for part in (author.display_name, author.role, author.affiliation) if part) + "."
    url = request.build_absolute_uri(author.get_absolute_url())
    if author.photo:
        image_url, image_alt = request.build_absolute_uri(author.photo.url), author.photo_alt
    else:
        image_url, image_alt = _logo(request), f"{settings.SITE_NAME} logo"
    profile = person(request, author)
    if author.photo:
        profile["image"] = image_url
    profile_page = {"@context": "https://schema.org", "@type": "ProfilePage", "url": url, "mainEntity": profile}
    trail = [_home_crumb(), ("Researchers", reverse("articles:author_list")), (author.display_name, url)]
    return PageMetadata(
        title=author.display_name,
        description=description,
        canonical_url=url,
        image_url=image_url,
        image_alt=image_alt,
        og_type="profile",
        structured_data=[profile_page, {"@context": "https://schema.org", **breadcrumbs(request, trail)}],
    )
