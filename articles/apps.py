from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Research articles"

    def ready(self):
        from articles.editorial import audit

        audit.connect()
