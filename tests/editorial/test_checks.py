"""Checks before publishing: each error blocks every step towards readers, no warning does, saving never."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.editorial import changes, checks
from articles.editorial.content import ArticleContent
from articles.models import Article, ArticleStatus, WorkingCopy
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

GOOD_BODY = "Some **findings** from the lab.\n\n## Next steps\n\nMore work, described in [the trial's results](https://example.org/trial)."

# One article content per error: (what is wrong, the fields that make it so, the code it is reported under).
ERRORS = {
    "image without a description": ({"body": "Look:\n\n![](/media/uploads/cells.png)"}, "image-without-description"),
    "image with a blank description": ({"body": "![   ](/media/uploads/cells.png)"}, "image-without-description"),
    "raw image without alt": ({"body": '<img src="/media/uploads/cells.png">'}, "image-without-description"),
    "first heading skips": ({"body": "### Results\n\nText."}, "skipped-heading-level"),
    "later heading skips": ({"body": "## Results\n\nText.\n\n#### Detail\n\nMore."}, "skipped-heading-level"),
    "no standfirst": ({"standfirst": ""}, "no-standfirst"),
    "blank standfirst": ({"standfirst": "   "}, "no-standfirst"),
    "click here": ({"body": "For the trial [click here](https://example.org/)."}, "vague-link-text"),
    "read more": ({"body": "[Read more…](https://example.org/)"}, "vague-link-text"),
    "here": ({"body": "The results are [here](https://example.org/)."}, "vague-link-text"),
    "link in a heading": ({"body": "## Results: [read more](https://example.org/)"}, "vague-link-text"),
    "bare address as text": ({"body": "See <https://example.org/trial>."}, "vague-link-text"),
    "address written as text": ({"body": "See [www.example.org](https://www.example.org/)."}, "vague-link-text"),
    "citation of a missing source": ({"body": "Shown in mice [@1] and in people [@2]."}, "unknown-citation"),
}
A_SOURCE = {"title": "A trial", "doi": "10.1038/nature14282"}


def content_with(article=None, **fields):
    content = ArticleContent.current(article) if article is not None else ArticleContent.empty()
    content.values.update(
        {"standfirst": "What the article is about.", "body": GOOD_BODY, "references": [A_SOURCE], **fields}
    )
    return content


def codes(content):
    return [problem.code for problem in checks.run(content)]


def test_a_good_article_has_no_problems():
    assert codes(content_with()) == []


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_each_error_is_found_and_explained(case):
    fields, code = ERRORS[case]
    problems = checks.run(content_with(**fields))
    assert [(problem.level, problem.code) for problem in problems] == [(checks.ERROR, code)]
    assert problems[0].message.endswith(".")


def test_the_error_names_the_heading_and_the_level_to_use():
    (problem,) = checks.run(content_with(body="## Results\n\nText.\n\n#### Dose & timing\n\nMore."))
    assert "“Dose & timing” (####) skips a level" in problem.message
    assert "Use ### instead" in problem.message


@pytest.mark.parametrize(
    "body",
    [
        "## One\n\n### Two\n\n#### Three\n\n## Back up\n\n### Down",  # going back up any number is fine
        "# One\n\n### Two",  # a single # is a second-level heading (the headline is the only first)
        "No headings at all.",
    ],
)
def test_headings_that_go_down_one_level_at_a_time_pass(body):
    assert codes(content_with(body=body)) == []


def test_a_decorative_image_needs_no_description_and_screen_readers_skip_it():
    from articles.content.rendering import render_markdown

    body = "![decorative](/media/uploads/divider.png)\n\n![ Decorative ](/media/uploads/dots.png)"
    assert codes(content_with(body=body)) == []
    html = render_markdown(body)
    assert len(re.findall(r'<img alt=""[^>]* role="presentation"', html)) == 2
    assert "decorative" not in html.lower()


def test_a_role_other_than_presentation_is_not_let_through():
    from articles.content.rendering import render_markdown

    html = render_markdown('<img src="/media/uploads/a.png" alt="A" role="button">')
    assert "role" not in html


def test_footnote_links_and_email_addresses_are_not_vague_links():
    body = "A finding.[^1] Write to [research@example.org](mailto:research@example.org).\n\n[^1]: The paper."
    assert codes(content_with(body=body)) == []


def test_every_error_is_listed_at_once():
    content = content_with(standfirst="", body="### Late\n\n![](/media/uploads/a.png) [here](https://example.org/)")
    assert codes(content) == ["no-standfirst", "skipped-heading-level", "image-without-description", "vague-link-text"]


# --- Warnings -------------------------------------------------------------------------------------

HARD_TEXT = (
    "Immunotherapeutic interventions targeting neutrophil extracellular traps demonstrated considerable "
    "heterogeneity in preclinical metastatic models. "
) * 20


def test_a_reading_age_over_the_target_is_a_warning(settings):
    settings.READING_AGE_TARGET = 14
    problems = checks.run(content_with(body=HARD_TEXT))
    assert [(problem.level, problem.code) for problem in problems] == [(checks.WARNING, "reading-age-over-target")]
    assert "we aim for 14 or less" in problems[0].message


def test_a_very_long_article_is_a_warning(settings):
    settings.LONG_ARTICLE_WORDS = 50
    problems = checks.run(content_with(body="We looked at how cells move. " * 20))
    assert [(problem.level, problem.code) for problem in problems] == [(checks.WARNING, "very-long-article")]
    assert "120 words long" in problems[0].message


# --- Every step towards readers is blocked by an error, and only by an error -----------------------


def _draft(**fields):
    article = ArticleFactory(draft=True)
    changes.save_article(None, article, content_with(article, **fields))
    return Article.objects.get(pk=article.pk)


def _live_with_changes(**fields):
    article = ArticleFactory(body=GOOD_BODY)
    changes.save_article(None, article, content_with(article, **fields))
    return Article.objects.select_related("working_copy").get(pk=article.pk)


STEPS = {
    "submit": (_draft, lambda article: changes.submit(None, article)),
    "submit changes": (_live_with_changes, lambda article: changes.submit(None, article)),
    "publish": (_draft, lambda article: changes.publish(None, article)),
    "schedule": (_draft, lambda article: changes.schedule(None, article, timezone.now() + timedelta(days=2))),
    "publish changes": (_live_with_changes, lambda article: changes.publish_changes(None, article)),
}


def _state(article):
    article = Article.objects.get(pk=article.pk)
    copy = WorkingCopy.objects.filter(article=article).first()
    return article.status, article.published_at, article.body, copy and (copy.status, copy.content["body"])


@pytest.mark.parametrize("step", STEPS, ids=list(STEPS))
@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_each_error_blocks_each_step_and_changes_nothing(case, step):
    make, act = STEPS[step]
    fields, code = ERRORS[case]
    article = make(**fields)
    before = _state(article)
    with pytest.raises(changes.ChecksFailed) as refused:
        act(article)
    assert [problem.code for problem in refused.value.problems] == [code]
    assert refused.value.problems[0].message in str(refused.value)
    assert _state(article) == before


@pytest.mark.parametrize("step", STEPS, ids=list(STEPS))
def test_warnings_do_not_block_any_step(step, settings):
    settings.LONG_ARTICLE_WORDS = 50
    settings.READING_AGE_TARGET = 5
    make, act = STEPS[step]
    article = make(body=HARD_TEXT)
    assert {problem.level for problem in checks.of_article(article)} == {checks.WARNING}
    act(article)
    after = Article.objects.select_related("working_copy").get(pk=article.pk)
    if step.startswith("submit"):
        copy = getattr(after, "working_copy", None)
        assert after.status == ArticleStatus.IN_REVIEW or copy.status == "in_review"
    else:
        assert after.status == ArticleStatus.PUBLISHED
        assert after.body == HARD_TEXT


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_saving_is_never_blocked_by_a_check(case):
    fields, _ = ERRORS[case]
    draft = ArticleFactory(draft=True)
    wanted = content_with(draft, **fields).values["body"]
    changes.save_article(None, draft, content_with(draft, **fields))
    assert Article.objects.get(pk=draft.pk).body == wanted
    live = ArticleFactory(body=GOOD_BODY)
    changes.save_article(None, live, content_with(live, **fields))
    assert WorkingCopy.objects.get(article=live).content["body"] == wanted


# --- In the admin ----------------------------------------------------------------------------------


def test_the_publish_page_lists_the_errors_and_offers_no_button(publisher_client):
    article = _draft(body="### Results\n\n[click here](https://example.org/)")
    page = publisher_client.get(reverse("admin:articles_article_publish", args=[article.pk])).content.decode()
    assert "Not published yet: fix these 2 problems first." in page
    assert "skips a level" in page
    assert "does not say where it leads" in page
    assert "Yes, publish it now" not in page
    publisher_client.post(reverse("admin:articles_article_publish", args=[article.pk]))
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT


def test_the_schedule_page_refuses_while_errors_remain(publisher_client):
    article = _draft(standfirst="")
    url = reverse("admin:articles_article_schedule", args=[article.pk])
    assert "There is no standfirst." in publisher_client.get(url).content.decode()
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    publisher_client.post(url, {"date": day, "time": "09:00"})
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT


def test_the_publish_page_shows_warnings_and_still_publishes(publisher_client, settings):
    settings.LONG_ARTICLE_WORDS = 50
    article = _draft(body="We looked at how cells move. " * 20)
    url = reverse("admin:articles_article_publish", args=[article.pk])
    page = publisher_client.get(url).content.decode()
    assert "120 words long" in page
    assert "Yes, publish it now" in page
    publisher_client.post(url)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED


def test_the_changes_page_hides_publish_while_errors_remain(publisher_client):
    article = _live_with_changes(body="![](/media/uploads/a.png)")
    url = reverse("admin:articles_article_changes", args=[article.pk])
    page = publisher_client.get(url).content.decode()
    assert "has no description" in page
    assert "Publish these changes now" not in page
    assert "Discard the changes" in page
    response = publisher_client.post(url, {"_action": "publish_changes"}, follow=True)
    assert "Not published: fix these first." in response.content.decode()
    assert WorkingCopy.objects.filter(article=article).exists()


def test_bulk_publishing_names_each_blocked_article(publisher_client):
    blocked = _draft(standfirst="")
    fine = _draft()
    response = publisher_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [blocked.pk, fine.pk], "index": "0", "confirmed": "yes"},
        follow=True,
    )
    assert "There is no standfirst." in response.content.decode()
    assert Article.objects.get(pk=blocked.pk).status == ArticleStatus.DRAFT
    assert Article.objects.get(pk=fine.pk).status == ArticleStatus.PUBLISHED


def test_the_unknown_citation_error_names_the_number():
    (problem,) = checks.run(content_with(body="Shown in people [@1] and [@3]."))
    assert "[@3]" in problem.message
    assert "[@1]" not in problem.message


def test_an_article_without_sources_is_a_warning():
    problems = checks.run(content_with(references=[]))
    assert [(problem.level, problem.code) for problem in problems] == [(checks.WARNING, "no-sources")]


def test_a_citation_restored_without_its_source_blocks_publishing():
    """The form refuses an unknown citation; a write that skips the form (a restore, a command) meets the check."""
    article = ArticleFactory(draft=True, body=GOOD_BODY + " Shown in people [@1].", references=[A_SOURCE])
    edit_without_form = ArticleContent.current(article)
    edit_without_form.values["references"] = []
    changes.save_article(None, article, edit_without_form)
    with pytest.raises(changes.Refused) as refused:
        changes.publish(None, Article.objects.get(pk=article.pk))
    assert "[@1]" in str(refused.value)
