import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.content import demo as demo_content
from articles.models import Article, ArticleAuthor, ArticleStatus, Author, DonationLink, Topic
from articles.operations.progress import progress_for


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
        link, _ = DonationLink.objects.update_or_create(
            campaign=demo_content.DONATION_LINK["campaign"],
            defaults={**demo_content.DONATION_LINK, "is_default": True, "is_active": True},
        )
        topics = {
            data["slug"]: Topic.objects.update_or_create(slug=data["slug"], defaults=data)[0]
            for data in demo_content.TOPICS
        }
        authors = {
            data["slug"]: Author.objects.update_or_create(slug=data["slug"], defaults=data)[0]
            for data in demo_content.AUTHORS
        }
        now = timezone.now()
        for campaign in demo_content.TOPIC_CAMPAIGNS:
            starts_at = now - timedelta(days=campaign["starts_days_ago"])
            topic_link, _ = DonationLink.objects.update_or_create(
                campaign=campaign["link"]["campaign"],
                defaults={
                    **campaign["link"],
                    "starts_at": starts_at,
                    "ends_at": starts_at + timedelta(days=campaign["runs_days"]),
                },
            )
            Topic.objects.filter(slug=campaign["topic"]).update(donation_link=topic_link)
        for data in demo_content.ARTICLES:
            is_draft = data.get("draft", False)
            article, created = Article.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "title": data["title"],
                    "standfirst": data["standfirst"],
                    "body": data["body"],
                    "featured": data["featured"],
                    "status": ArticleStatus.DRAFT if is_draft else ArticleStatus.PUBLISHED,
                    "published_at": None if is_draft else now - timedelta(days=data["days_ago"]),
                },
            )
            hero = data.get("hero")
            if hero and not article.hero_image:
                article.hero_alt, article.hero_caption, article.hero_credit = (
                    hero["alt"],
                    hero["caption"],
                    hero["credit"],
                )
                article.hero_image.save(f"{data['slug']}.png", illustration(data["slug"]), save=False)
                article.save()
            article.topics.set([topics[slug] for slug in data["topics"]])
            ArticleAuthor.objects.filter(article=article).delete()
            for position, slug in enumerate(data["authors"]):
                ArticleAuthor.objects.create(article=article, author=authors[slug], position=position)
            if article.published_at:
                # Demo articles have not been edited since publication; update() leaves auto_now alone.
                Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)
        generated = self.generate_articles(articles, list(authors.values()), list(topics.values()), verbosity)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(demo_content.ARTICLES) + generated} articles, {len(authors)} authors, "
                f"{len(topics)} topics, default donation link “{link.name}”."
            )
        )

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
            article = Article(
                slug=slug,
                title=f"{data['title']} (generated {number})",
                standfirst=data["standfirst"],
                body=data["body"],
                status=ArticleStatus.PUBLISHED,
                published_at=now - timedelta(days=rng.randint(1, 3650), minutes=number),
            )
            article.save()
            article.topics.set(rng.sample(topics, k=rng.randint(1, len(topics))))
            ArticleAuthor.objects.create(article=article, author=rng.choice(authors), position=0)
        return count
