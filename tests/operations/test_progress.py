"""Long-running commands show count, rate and time left on a terminal, and nothing elsewhere."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


# "Articles: 100%|██████| 3/3 [00:00<00:00, 812.40article/s]": done/total, elapsed<left, rate.
def bar_pattern(description, done, unit):
    return re.compile(rf"{description}: 100%\|.*\| {done}/{done} \[\d\d:\d\d<\d\d:\d\d, +[\d.]+{unit}/s\]")


def run(command, *args, stderr, **options):
    call_command(command, *args, stdout=io.StringIO(), stderr=stderr, **options)
    return stderr.getvalue()


def test_rerender_markdown_shows_progress_on_a_terminal():
    ArticleFactory.create_batch(3)
    shown = run("rerender_markdown", stderr=Terminal())
    assert bar_pattern("Articles", 3, "article").search(shown)
    assert bar_pattern("Authors", 3, "author").search(shown)


@pytest.mark.parametrize(
    ("stderr", "options"),
    [(io.StringIO(), {}), (Terminal(), {"verbosity": 0})],
    ids=["not-a-terminal", "verbosity-0"],
)
@pytest.mark.parametrize("command", ["rerender_markdown", "rebuild_search_index"])
def test_no_progress_when_piped_or_quiet(command, stderr, options):
    ArticleFactory.create_batch(2)
    assert run(command, stderr=stderr, **options) == ""


def test_rebuild_search_index_shows_the_articles_indexed():
    ArticleFactory.create_batch(2)
    ArticleFactory(draft=True)
    assert bar_pattern("Search index", 2, "article").search(run("rebuild_search_index", stderr=Terminal()))


def test_seed_demo_can_add_generated_articles_with_progress(client):
    shown = run("seed_demo", "--articles", "5", stderr=Terminal())
    assert bar_pattern("Generated articles", 5, "article").search(shown)
    assert Article.objects.published().count() == 8 + 5
    run("seed_demo", "--articles", "5", stderr=io.StringIO())
    assert Article.objects.count() == 10 + 5  # safe to repeat
    generated = Article.objects.get(slug="generated-5")
    assert client.get(generated.get_absolute_url()).status_code == 200
    assert generated.authors.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_show_progress(tmp_path, media_root):
    call_command("seed_demo", stdout=io.StringIO())
    media_files = sum(1 for path in media_root.rglob("*") if path.is_file())  # the demo's pictures and renditions
    archive = tmp_path / "site.tar.gz"
    shown = run("backup", str(archive), stderr=Terminal())
    assert bar_pattern("Media", media_files, "file").search(shown)
    if connection.vendor == "sqlite":  # pages copied by the online backup API; pg_dump reports nothing
        assert re.search(r"Database: 100%.* \d+/\d+ ", shown)
    shown = run("restore", str(archive), "--force", stderr=Terminal())
    assert bar_pattern("Media", media_files, "file").search(shown)
    assert run("backup", str(archive), stderr=io.StringIO()) == ""
