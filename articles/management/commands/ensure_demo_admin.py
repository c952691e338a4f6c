import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

# Run from the project folder as printed: the virtualenv's Python, and debug mode, which the
# settings need to start without a production secret key.
RESET_COMMAND = "DJANGO_DEBUG=true .venv/bin/python manage.py changepassword"


class Command(BaseCommand):
    help = "In debug mode on an empty site, create an 'admin' superuser with a random password and print it once."

    def add_arguments(self, parser):
        parser.add_argument("--admin-url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, admin_url, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo superuser when DJANGO_DEBUG is off.")
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write(
                f"Admin: {admin_url} — log in with your existing account "
                f"(forgotten the password? {RESET_COMMAND} admin)."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        bar = "=" * 64
        self.stdout.write(
            f"{bar}\nAdmin: {admin_url}\n  user:     admin\n  password: {password}\n"
            f"This password is shown only now.\n{bar}"
        )
