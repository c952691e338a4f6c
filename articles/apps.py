from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Research articles"

    def ready(self):
        from . import search_hooks

        search_hooks.connect()
