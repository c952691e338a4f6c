"""The one signal in the project, and why it is one.

An article's topics are part of its search text, and ``article.topics.set(...)`` (used by
the admin's form, by seeding and by tests) saves no model whose ``save()`` we own; Django
reports it only through ``m2m_changed``. Everything else that changes the index calls
``articles.discovery.search`` explicitly from a ``save()`` or ``delete()``. (The index update also
refreshes the cached list totals, see ``articles.discovery.listing``.)
"""

from django.db.models.signals import m2m_changed


def reindex_after_topics_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from articles.discovery.search import update_search_index, update_search_index_for
    from articles.models import Article

    if reverse:  # topic.articles.add(...): instance is the topic
        update_search_index_for(Article.objects.filter(pk__in=pk_set) if pk_set else instance.articles.all())
    else:
        update_search_index(instance)


def connect():
    from articles.models import Article

    m2m_changed.connect(reindex_after_topics_change, sender=Article.topics.through, dispatch_uid="search-topics")
