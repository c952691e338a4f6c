from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Research articles"

    def ready(self):
        from articles.discovery import search_hooks

        search_hooks.connect()
