import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.content import demo as demo_content
from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Article, ArticleStatus, Author, DonationLink, Reviewer, Topic
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


def upsert(model, lookup, values):
    """Create or update one row through the editorial write path."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    return changes.save_object(None, obj)


class Command(BaseCommand):
    help = "Load the demonstration articles, authors, topics and donation link. Safe to run again."

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
        self.reviewer = upsert(Reviewer, {"name": demo_content.REVIEWER["name"]}, demo_content.REVIEWER)
        for data in demo_content.ARTICLES:
            self.load_article(data, topics, authors, now)
        generated = self.generate_articles(articles, list(authors.values()), list(topics.values()), verbosity)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(demo_content.ARTICLES) + generated} articles, {len(authors)} authors, "
                f"{len(topics)} topics, default donation link “{link.name}”."
            )
        )

    def load_article(self, data, topics, authors, now):
        article = Article.objects.filter(slug=data["slug"]).first() or Article()
        content = ArticleContent.current(article) if article.pk else ArticleContent.empty()
        content.values.update(
            {
                "title": data["title"],
                "slug": data["slug"],
                "standfirst": data["standfirst"],
                "body": data["body"],
                "featured": data["featured"],
                "topics": sorted(topics[slug].pk for slug in data["topics"]),
                "authors": [authors[slug].pk for slug in data["authors"]],
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
            content.values.update(
                {
                    "pending_review": True,
                    "pending_reviewers": [self.reviewer.pk],
                    "pending_review_note": demo_content.FIRST_REVIEW_NOTE,
                }
            )
        article = changes.load_article(
            article,
            content,
            status=ArticleStatus.DRAFT if is_draft else ArticleStatus.PUBLISHED,
            published_at=None if is_draft else now - timedelta(days=data["days_ago"]),
        )
        if article.published_at:
            # Demo articles have not been edited since publication; update() leaves auto_now alone.
            Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)

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
                }
            )
            changes.load_article(
                Article(),
                content,
                status=ArticleStatus.PUBLISHED,
                published_at=now - timedelta(days=rng.randint(1, 3650), minutes=number),
            )
        return count
