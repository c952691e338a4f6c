"""``manage.py seed_demo``: a demonstration site that shows every feature (texts in ``articles.content.demo``).

Everything is written through the editorial write path, as the site's operators, except
readers' feedback, which the public form also stores directly. Running it again leaves
what is there: no second review, source list, working copy or feedback answer.
"""

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles.content import demo as demo_content
from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    DonationLink,
    Feedback,
    Reference,
    Reviewer,
    Topic,
    WorkingCopy,
)
from articles.operations.progress import progress_for

# Optional text and image fields the demo leaves empty.
TEXT_FIELDS = (
    "hero_image",
    "hero_alt",
    "hero_caption",
    "hero_credit",
    "seo_title",
    "seo_description",
    "social_image",
    "social_image_alt",
)


def illustration(seed, size=(1600, 900)):
    """A generated picture of cells, so the demo needs no third-party photos."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (58, 16, 52))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse((width * 0.35, height * 0.2, width * 0.65, height * 0.8), fill=(196, 80, 150))
    for _ in range(60):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(12, 40)
        shade = rng.choice([(255, 214, 236), (240, 160, 200), (150, 200, 230)])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.png")


def initials(name):
    return "".join(word[0] for word in name.split()[:2]).upper()


def portrait(seed, name, colour, size=480):
    """A placeholder portrait: the person's initials on a coloured circle, so the demo needs no photos."""
    image = Image.new("RGB", (size, size), (246, 241, 245))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=colour)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials(name), fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"portrait-{seed}.png")


def as_sources(references):
    """The demo's sources as an article's content holds them (every field present, as the rows give them back)."""
    return [Reference.from_content(values, number=number).as_content() for number, values in enumerate(references, 1)]


def upsert(model, lookup, values):
    """Create or update one row through the editorial write path."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    return changes.save_object(None, obj)


class Command(BaseCommand):
    help = (
        "Load the demonstration site: articles with sources and reviews, authors with portraits, reviewers, "
        "topics, donation links, a scheduled article, an edit awaiting approval and readers' feedback. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Also publish N generated articles (variations on the demo texts), to try the site at scale.",
        )

    @transaction.atomic
    def handle(self, *args, articles=0, verbosity=1, **options):
        with changes.change(None):
            self.load(articles, verbosity)

    def load(self, articles, verbosity):
        link = upsert(
            DonationLink,
            {"campaign": demo_content.DONATION_LINK["campaign"]},
            {**demo_content.DONATION_LINK, "is_default": True, "is_active": True},
        )
        topics = {data["slug"]: upsert(Topic, {"slug": data["slug"]}, data) for data in demo_content.TOPICS}
        authors = {data["slug"]: upsert(Author, {"slug": data["slug"]}, data) for data in demo_content.AUTHORS}
        for number, author in enumerate(authors.values()):
            self.add_portrait(author, demo_content.PORTRAIT_COLOURS[number % len(demo_content.PORTRAIT_COLOURS)])
        now = timezone.now()
        for campaign in demo_content.TOPIC_CAMPAIGNS:
            starts_at = now - timedelta(days=campaign["starts_days_ago"])
            topic_link = upsert(
                DonationLink,
                {"campaign": campaign["link"]["campaign"]},
                {
                    **campaign["link"],
                    "starts_at": starts_at,
                    "ends_at": starts_at + timedelta(days=campaign["runs_days"]),
                },
            )
            upsert(Topic, {"slug": campaign["topic"]}, {"donation_link": topic_link})
        self.reviewers = {
            data["name"]: upsert(Reviewer, {"name": data["name"]}, data) for data in demo_content.REVIEWERS
        }
        for data in demo_content.ARTICLES:
            self.load_article(data, topics, authors, now)
        self.load_article(demo_content.SCHEDULED_ARTICLE, topics, authors, now)
        self.load_working_copy(demo_content.WORKING_COPY)
        self.load_feedback(demo_content.FEEDBACK, now)
        generated = self.generate_articles(articles, list(authors.values()), list(topics.values()), verbosity)
        total = len(demo_content.ARTICLES) + 1 + generated
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {total} articles, {len(authors)} authors, {len(self.reviewers)} reviewers, "
                f"{len(topics)} topics, default donation link “{link.name}”."
            )
        )

    def add_portrait(self, author, colour):
        """A generated portrait for an author without a photo (saving it makes its renditions)."""
        if author.photo:
            return
        author.photo.save(f"{author.slug}.png", portrait(author.slug, author.name, colour), save=False)
        author.photo_alt = f"Placeholder portrait: the initials {initials(author.name)} on a coloured circle"
        changes.save_object(None, author)

    def pending_review(self, data):
        """The first review of a demo article, marked on its content (recorded when it is published)."""
        names = data.get("reviewers") or [demo_content.REVIEWERS[0]["name"]]
        return {
            "pending_review": True,
            "pending_reviewers": sorted(self.reviewers[name].pk for name in names),
            "pending_review_note": demo_content.FIRST_REVIEW_NOTE,
        }

    def load_article(self, data, topics, authors, now):
        article = Article.objects.filter(slug=data["slug"]).first() or Article()
        if WorkingCopy.objects.filter(article=article.pk).exists():
            return  # an edit waits for a Publisher: loading the text again would publish past it
        content = ArticleContent.of_article(article) if article.pk else ArticleContent.empty()
        content.values.update(
            {
                "title": data["title"],
                "slug": data["slug"],
                "standfirst": data["standfirst"],
                "body": data["body"],
                "featured": data["featured"],
                "topics": sorted(topics[slug].pk for slug in data["topics"]),
                "authors": [authors[slug].pk for slug in data["authors"]],
                "references": as_sources(data.get("references", [])),
            }
        )
        for name in TEXT_FIELDS:
            content.values[name] = content.values.get(name) or ""
        hero = data.get("hero")
        if hero and not content.values["hero_image"]:
            stored = default_storage.save(f"heroes/{data['slug']}.png", illustration(data["slug"]))
            content.values.update(
                {
                    "hero_image": stored,
                    "hero_alt": hero["alt"],
                    "hero_caption": hero["caption"],
                    "hero_credit": hero["credit"],
                }
            )
        is_draft = data.get("draft", False)
        if not is_draft and article.last_reviewed is None:
            # Recorded once, dated with the publication (seed_demo stays idempotent).
            content.values.update(self.pending_review(data))
        if is_draft:
            published_at = None
        elif "publishes_in_days" in data:
            # Scheduled once; loading again keeps its date (it goes live when that comes).
            published_at = article.published_at or now + timedelta(days=data["publishes_in_days"])
        else:
            published_at = now - timedelta(days=data["days_ago"])
        article = changes.load_article(
            article,
            content,
            status=ArticleStatus.DRAFT if is_draft else ArticleStatus.PUBLISHED,
            published_at=published_at,
        )
        if article.published_at and article.published_at <= now:
            # Demo articles have not been edited since publication; update() leaves auto_now alone.
            Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)

    def load_working_copy(self, data):
        """An edit of a live article, saved and submitted for review as an Editor would (once)."""
        article = Article.objects.get(slug=data["slug"])
        if WorkingCopy.objects.filter(article=article).exists():
            return
        content = ArticleContent.of_article(article)
        content.values.update(
            {
                "standfirst": data["standfirst"],
                "body": content.values["body"].rstrip() + "\n" + data["added_to_body"],
                "pending_review": True,
                "pending_reviewers": sorted(self.reviewers[name].pk for name in data["reviewers"]),
                "pending_review_note": data["review_note"],
            }
        )
        changes.save_article(None, article, content)
        changes.submit(None, article)

    def load_feedback(self, answers_by_slug, now):
        """Readers' answers, stored as the public form stores them; only for articles that have none yet."""
        for slug, answers in answers_by_slug.items():
            article = Article.objects.get(slug=slug)
            if article.feedback.exists():
                continue
            for useful, comment, days_ago in answers:
                answer = Feedback.objects.create(article=article, useful=useful, comment=comment)
                # auto_now_add stamps today; spread the answers over the days since publication.
                Feedback.objects.filter(pk=answer.pk).update(created_at=now - timedelta(days=days_ago))

    def generate_articles(self, count, authors, topics, verbosity):
        """Publish ``count`` numbered variations of the demo texts; those already there are kept."""
        rng, now = random.Random(count), timezone.now()
        texts = [data for data in demo_content.ARTICLES if not data.get("draft")]
        existing = set(Article.objects.filter(slug__startswith="generated-").values_list("slug", flat=True))
        track = progress_for(self, verbosity)
        for number in track(range(1, count + 1), total=count, description="Generated articles", unit="article"):
            slug = f"generated-{number}"
            if slug in existing:
                continue
            data = texts[number % len(texts)]
            content = ArticleContent.empty()
            content.values.update(dict.fromkeys(TEXT_FIELDS, ""))
            content.values.update(
                {
                    "slug": slug,
                    "title": f"{data['title']} (generated {number})",
                    "standfirst": data["standfirst"],
                    "body": data["body"],
                    "featured": False,
                    "topics": sorted(topic.pk for topic in rng.sample(topics, k=rng.randint(1, len(topics)))),
                    "authors": [rng.choice(authors).pk],
                    # Its text cites the same sources, and is reviewed: it would pass the publish checks.
                    "references": as_sources(data.get("references", [])),
                    **self.pending_review(data),
                }
            )
            changes.load_article(
                Article(),
                content,
                status=ArticleStatus.PUBLISHED,
                published_at=now - timedelta(days=rng.randint(1, 3650), minutes=number),
            )
        return count
