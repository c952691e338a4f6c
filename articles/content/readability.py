"""Plain-language figures for an article: words, reading time, UK reading age, long sentences.

Everything is measured on the article's *prose*, read from the sanitised HTML that
``render_markdown`` makes (so Markdown syntax, code, addresses and footnotes never count):
paragraphs, list items, headings and table cells, each a block of its own. A heading or list
item without a full stop still ends a sentence, as plain-language guides count them.

Reading age comes from textstat (syllables from the CMU Pronouncing Dictionary, pyphen for
words it lacks), as a UK reading age in years: the US school grade plus five.

* **SMOG** (McLaughlin 1969) when the text has at least 30 sentences. It is the formula most
  used for health information (the NHS, the CDC and health-literacy research use it) because it
  predicts the grade at which a reader fully understands the text, not half of it.
* SMOG was calibrated on 30-sentence samples and is not valid on fewer, so a shorter text is
  measured with **Flesch–Kincaid grade level**, which holds up on short passages; the editor is
  told which formula gave the figure.
* Under ``MIN_WORDS_FOR_READING_AGE`` words there is no figure at all: a heading and a sentence
  give numbers that jump about with every word typed.

Each figure is rounded to whole years: both formulas are only accurate to a year or two.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings

SMOG_MIN_SENTENCES = 30
MIN_WORDS_FOR_READING_AGE = 100
US_GRADE_TO_UK_AGE = 5
# Plain-language guides (GOV.UK, the NHS) advise sentences of about 15 to 20 words at most.
LONG_SENTENCE_WORDS = 25
LONG_PARAGRAPH_WORDS = 100

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "div", "pre", "table"}
# Not prose: code, footnote markers and the notes themselves.
SKIPPED_TAGS = {"pre", "code", "sup"}
SKIPPED_CLASSES = {"footnote"}

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def words_in(text):
    return _WORD.findall(_ADDRESS.sub(" ", text))


class _ProseReader(HTMLParser):
    """Collects the text of each block of prose, leaving out code, footnotes and bare addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self._current = []
        self._skipping = []  # the tags that opened a skipped part, innermost last

    def _end_block(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if self._skipping or tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            if tag not in ("br", "img", "hr"):
                self._skipping.append(tag)
            return
        if tag in BLOCK_TAGS:
            self._end_block()
        elif tag == "br":
            self._current.append(" ")

    def handle_endtag(self, tag):
        if self._skipping:
            if self._skipping[-1] == tag:
                self._skipping.pop()
            return
        if tag in BLOCK_TAGS:
            self._end_block()

    def handle_data(self, data):
        if not self._skipping:
            self._current.append(data)

    def close(self):
        super().close()
        self._end_block()


def prose_blocks(html):
    """The text of each paragraph, list item, heading and table cell of rendered HTML."""
    reader = _ProseReader()
    reader.feed(str(html or ""))
    reader.close()
    return reader.blocks


def sentences_of(block):
    return [sentence for sentence in _SENTENCE_END.split(block) if words_in(sentence)]


def _as_text(blocks):
    """One sentence-terminated text for textstat: every block ends a sentence."""
    parts = []
    for block in blocks:
        block = _ADDRESS.sub(" ", block).strip()
        if not words_in(block):
            continue
        parts.append(block if block[-1] in ".!?" else f"{block}.")
    return " ".join(parts)


@dataclass(frozen=True)
class ReadingAge:
    years: int
    formula: str  # "SMOG" or "Flesch–Kincaid"

    def __str__(self):
        return f"{self.years} years ({self.formula})"


def reading_age(blocks):
    """The UK reading age of the prose, or None when there is too little text to judge."""
    text = _as_text(blocks)
    words = len(words_in(text))
    if words < MIN_WORDS_FOR_READING_AGE:
        return None
    import textstat  # loads the pronouncing dictionary (about 80 MB) on first use only

    sentences = sum(len(sentences_of(block)) for block in blocks)
    if sentences >= SMOG_MIN_SENTENCES:
        grade, formula = textstat.smog_index(text), "SMOG"
    else:
        grade, formula = textstat.flesch_kincaid_grade(text), "Flesch–Kincaid"
    return ReadingAge(max(5, round(grade + US_GRADE_TO_UK_AGE)), formula)


@dataclass(frozen=True)
class Readability:
    """Every plain-language figure of one text, measured once."""

    words: int
    reading_age: ReadingAge | None
    long_sentences: list
    long_paragraphs: int

    @classmethod
    def of_html(cls, html):
        blocks = prose_blocks(html)
        words = sum(len(words_in(block)) for block in blocks)
        long_sentences = [
            sentence
            for block in blocks
            for sentence in sentences_of(block)
            if len(words_in(sentence)) > LONG_SENTENCE_WORDS
        ]
        return cls(
            words=words,
            reading_age=reading_age(blocks),
            long_sentences=long_sentences,
            long_paragraphs=sum(1 for block in blocks if len(words_in(block)) > LONG_PARAGRAPH_WORDS),
        )


def reading_age_target():
    """The highest reading age the charity aims for (``DJANGO_READING_AGE_TARGET``, 14 unless set)."""
    return settings.READING_AGE_TARGET
