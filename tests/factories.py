from datetime import timedelta

import factory
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticleStatus, Author, DonationLink, Topic


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Researcher {n}")
    slug = factory.Sequence(lambda n: f"researcher-{n}")
    honorific = "Dr"
    role = "Group Leader"
    affiliation = "University of Glasgow"
    bio = "Studies the immune system."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class DonationLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DonationLink

    name = factory.Sequence(lambda n: f"Appeal {n}")
    call_to_action = "Help fund research into stopping secondary breast cancer"
    url = "https://breastcancernow.org/donate/"
    campaign = factory.Sequence(lambda n: f"appeal-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by one author; ``authors=[...]`` or ``authors=[]`` to choose."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Research article {n}")
    slug = factory.Sequence(lambda n: f"research-article-{n}")
    standfirst = "How immune cells can help breast cancer spread."
    body = "Some **findings** from the lab.\n\n## Next steps\n\nMore work."
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        draft = factory.Trait(status=ArticleStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=2)))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        authors = [AuthorFactory()] if extracted is None else extracted
        for position, author in enumerate(authors):
            ArticleAuthor.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
