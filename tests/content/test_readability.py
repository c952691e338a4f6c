"""Reading age and the other plain-language figures, on fixed texts (articles/content/readability.py)."""

import pytest

from articles.content.readability import LONG_SENTENCE_WORDS, Readability, ReadingAge, prose_blocks
from articles.content.rendering import render_markdown

# 103 words in 15 short sentences (the heading is one): Flesch–Kincaid (too few sentences for SMOG).
PLAIN = """## What we found

We grew cancer cells in the lab. Some immune cells helped them spread. Others slowed them down. We want to know why.

In mice, the cells that spread most were near the blood. We gave the mice a drug. The drug stopped the immune
cells from helping. Fewer tumours grew in the lungs.

This is early work. It has not been tried in people yet. We now plan a small trial. If it works, it could help
women whose cancer has come back. We will share what we learn with you. Thank you for reading this, and for
your support.
"""

TECHNICAL = """## Findings

Neutrophil extracellular traps facilitate metastatic colonisation through mechanisms involving
integrin-mediated adhesion and proteolytic remodelling of the extracellular matrix, which consequently
enhances tumour cell extravasation.

Pharmacological inhibition of peptidylarginine deiminase four substantially attenuated pulmonary metastasis in
immunocompetent murine models, suggesting therapeutic opportunities for individuals with disseminated disease.
"""


def measure(markdown):
    return Readability.of_html(render_markdown(markdown))


def test_plain_short_text_is_measured_with_flesch_kincaid():
    figures = measure(PLAIN)
    assert figures.words == 103
    assert figures.reading_age == ReadingAge(6, "Flesch–Kincaid")


def test_thirty_sentences_or_more_are_measured_with_smog():
    assert measure(PLAIN * 2).reading_age == ReadingAge(8, "SMOG")


def test_technical_text_reads_far_older_and_is_capped_at_a_graduates_age():
    assert measure(TECHNICAL * 3).reading_age == ReadingAge(23, "Flesch–Kincaid")
    assert measure(TECHNICAL * 15).reading_age == ReadingAge(23, "SMOG")


def test_too_little_text_has_no_reading_age():
    figures = measure("## Title\n\nA short note about our work in the lab.")
    assert figures.reading_age is None
    assert figures.words == 10


def test_code_addresses_and_footnotes_are_not_prose():
    extras = (
        "\n\nSee https://example.org/a-very-long-address-indeed and <https://example.org/other>.\n\n"
        "```\nfor cell in cells: count(cell.immunophenotype)\n```\n\n"
        "Inline `extravasation_coefficient` code.[^1]\n\n"
        "[^1]: Pharmacological inhibition of peptidylarginine deiminase four.\n"
    )
    assert measure(PLAIN + extras).reading_age == measure(PLAIN).reading_age
    assert measure(PLAIN + extras).words == 103 + 4  # "See", "and", "Inline", "code"
    html = render_markdown(PLAIN + extras)
    prose = " ".join(prose_blocks(html))
    assert "immunophenotype" not in prose
    assert "extravasation_coefficient" not in prose
    assert "Pharmacological" not in prose


def test_headings_and_list_items_end_sentences():
    blocks = prose_blocks(render_markdown("## A heading\n\n- first point\n- second point\n\nA sentence."))
    assert blocks == ["A heading", "first point", "second point", "A sentence."]


def test_long_sentences_and_paragraphs_are_found():
    long_sentence = " ".join(["word"] * (LONG_SENTENCE_WORDS + 1)) + "."
    figures = measure(f"Short one. {long_sentence} Another short one.\n\n" + "Cells move. " * 60)
    assert figures.long_sentences == [long_sentence]
    assert figures.long_paragraphs == 1


@pytest.mark.parametrize("text", ["", "   ", "<script>alert(1)</script>", "```\nonly code\n```"])
def test_empty_or_hostile_text_gives_zero_words_and_no_age(text):
    figures = measure(text)
    assert (figures.words, figures.reading_age, figures.long_sentences) == (0, None, [])


# --- Stored with the article, shown in the admin's list ---------------------------------------


@pytest.mark.django_db
def test_the_article_stores_its_reading_age_when_saved_and_the_list_shows_it(publisher_client, settings):
    from django.urls import reverse

    from articles.models import Article
    from tests.factories import ArticleFactory

    settings.READING_AGE_TARGET = 14
    plain = ArticleFactory(title="Plain words", body=PLAIN * 2)
    hard = ArticleFactory(title="Hard words", body=TECHNICAL * 3)
    short = ArticleFactory(title="Few words", body="Just a line.")
    assert [Article.objects.get(pk=a.pk).reading_age for a in (plain, hard, short)] == [8, 23, None]
    page = publisher_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '<td class="field-reading_age_in_years">8</td>' in page
    assert '<span class="reading-age--over">23 (over 14)</span>' in page
    assert "too short to judge" in page


@pytest.mark.django_db
def test_rerendering_fills_in_reading_ages_of_older_rows():
    from articles.editorial import changes
    from articles.models import Article
    from tests.factories import ArticleFactory

    article = ArticleFactory(body=PLAIN * 2)
    Article.objects.filter(pk=article.pk).update(reading_age=None)  # as after migration 0015
    assert changes.rerender_all() == 1
    assert Article.objects.get(pk=article.pk).reading_age == 8
