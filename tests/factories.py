from datetime import timedelta

import factory
from django.utils import timezone

from articles.editorial import changes
from articles.editorial.content import IMAGE_FIELDS, ArticleContent
from articles.models import Article, ArticleStatus, Author, DonationLink, Reviewer, Topic


class WritePathFactory(factory.django.DjangoModelFactory):
    """Rows are written as the site writes them: through the editorial write path."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return changes.save_object(None, model_class(*args, **kwargs))


class AuthorFactory(WritePathFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Researcher {n}")
    slug = factory.Sequence(lambda n: f"researcher-{n}")
    honorific = "Dr"
    role = "Group Leader"
    affiliation = "University of Glasgow"
    bio = "Studies the immune system."


class TopicFactory(WritePathFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ReviewerFactory(WritePathFactory):
    class Meta:
        model = Reviewer

    name = factory.Sequence(lambda n: f"Dr Reviewer {n}")
    role = "Consultant Clinical Oncologist"
    qualification = "MBBS FRCR"
    organisation = "The Christie NHS Foundation Trust"


class DonationLinkFactory(WritePathFactory):
    class Meta:
        model = DonationLink

    name = factory.Sequence(lambda n: f"Appeal {n}")
    call_to_action = "Help fund research into stopping secondary breast cancer"
    url = "https://breastcancernow.org/donate/"
    campaign = factory.Sequence(lambda n: f"appeal-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by one author; ``authors=[...]`` or ``authors=[]`` to choose, ``topics=[...]``,
    ``references=[{"title": …, "doi": …}, …]`` for its sources.

    Not health information unless ``health=True``: health information may not be published
    before a review (``articles.editorial.review``), and most tests are about something else.
    """

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Research article {n}")
    slug = factory.Sequence(lambda n: f"research-article-{n}")
    standfirst = "How immune cells can help breast cancer spread."
    body = "Some **findings** from the lab.\n\n## Next steps\n\nMore work."
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    gives_health_information = False
    authors = None
    topics = None

    class Params:
        draft = factory.Trait(status=ArticleStatus.DRAFT, published_at=None)
        health = factory.Trait(gives_health_information=True)
        scheduled = factory.Trait(published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=2)))

    @classmethod
    def _build(cls, model_class, *args, authors=None, topics=None, references=None, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, authors=None, topics=None, references=None, **kwargs):
        status, published_at = kwargs.pop("status"), kwargs.pop("published_at")
        article = model_class(*args, **kwargs)
        for name in IMAGE_FIELDS:  # store uploaded files, as the admin does, so the content can name them
            Article._meta.get_field(name).pre_save(article, add=True)
        authors = [AuthorFactory()] if authors is None else authors
        content = ArticleContent.from_instance(
            article, topics or [], [], [author.pk for author in authors], references=references or []
        )
        return changes.load_article(article, content, status=status, published_at=published_at)
