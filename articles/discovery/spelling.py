"""'Did you mean …?' for a search that found nothing, from the index's own vocabulary.

The vocabulary is the ``SearchWord`` table: every word of three to thirty letters in the
indexed articles, with the number of articles using it. ``articles.discovery.search`` keeps it
current: each re-index adds and removes the words by which an article's text changed, and a
rebuild counts them afresh. No outside service is asked, and it works the same on SQLite and
PostgreSQL.

Cost, bounded whatever the size of the site: one query finds which of the reader's words the
vocabulary lacks; one more reads, for at most ``MAX_CORRECTED_WORDS`` of them, the
``MAX_CANDIDATES`` most used words that start with the same letter and are about as long
(a range of the primary key); ``difflib`` compares them in Python. A suggestion is offered
only if it finds articles a reader may see (one EXISTS query), so a word that only a
scheduled article uses, or one left behind, is never suggested.

A misspelt first letter ("ummune") is not corrected: the first letter is what keeps the
candidates few.
"""

import difflib
import re
from collections import Counter

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Length

from articles.models.search_index import SearchWord

MIN_LETTERS, MAX_LETTERS = 3, 30
_TOKEN = re.compile(r"\w+")
MAX_CORRECTED_WORDS = 3
MAX_CANDIDATES = 2000
LENGTH_SLACK = 2
# difflib's ratio: "imune" and "immune" score 0.91, "cels" and "cells" 0.89.
CUTOFF = 0.8


def words_of(document):
    """The set of vocabulary words in an index document's text columns."""
    text = " ".join(value for value in document.values() if isinstance(value, str))
    return {token for token in set(_TOKEN.findall(text.lower())) if _is_vocabulary_word(token)}


def _is_vocabulary_word(token):
    """Letters only ("her2" is left out whole, not cut to "her"), three to thirty of them."""
    return MIN_LETTERS <= len(token) <= MAX_LETTERS and token.isalpha()


def record_changes(old_words, new_words):
    """Count each article's words in or out: ``old_words``/``new_words`` map article ids to sets."""
    delta = Counter()
    for pk in set(old_words) | set(new_words):
        before, after = old_words.get(pk, set()), new_words.get(pk, set())
        delta.update(after - before)
        delta.subtract(before - after)
    delta = {word: change for word, change in delta.items() if change}
    if not delta:
        return
    by_change = {}
    for word, change in delta.items():
        by_change.setdefault(change, []).append(word)
    with transaction.atomic():
        added = [word for word, change in delta.items() if change > 0]
        SearchWord.objects.bulk_create([SearchWord(word=word) for word in added], ignore_conflicts=True)
        # One UPDATE per distinct change, in the database: two re-indexes at once add up.
        for change, words in by_change.items():
            SearchWord.objects.filter(word__in=words).update(documents=F("documents") + change)
        SearchWord.objects.filter(word__in=list(delta), documents__lte=0).delete()


def replace_vocabulary(counts, batch_size=5000):
    """After a rebuild: ``counts`` maps each word to the number of articles using it."""
    SearchWord.objects.all().delete()
    SearchWord.objects.bulk_create(
        (SearchWord(word=word, documents=n) for word, n in counts.items()), batch_size=batch_size
    )


def clear_vocabulary():
    SearchWord.objects.all().delete()


def suggest(query, finds_articles):
    """A corrected query (a ``ParsedQuery``) for one whose words the vocabulary lacks, or None.

    ``finds_articles(query)`` says whether a query finds anything readers may see.
    """
    words = [word.lower() for phrase in query.phrases for word in phrase]
    known = set(SearchWord.objects.filter(word__in=set(words)).values_list("word", flat=True))
    unknown = [w for w in dict.fromkeys(words) if w not in known and _is_vocabulary_word(w)][:MAX_CORRECTED_WORDS]
    if not unknown:
        return None
    corrections = _closest_words(unknown)
    if not corrections:
        return None
    corrected = query.with_words_replaced(corrections)
    return corrected if finds_articles(corrected) else None


def _closest_words(unknown):
    nearby = Q()
    for word in unknown:
        # A range, not LIKE 'i%': PostgreSQL uses a B-tree index for LIKE only in the C collation.
        nearby |= Q(word__gte=word[0], word__lt=chr(ord(word[0]) + 1), length__range=_lengths(word))
    candidates = (
        SearchWord.objects.annotate(length=Length("word"))
        .filter(nearby)
        .order_by("-documents", "word")
        .values_list("word", "documents")[: MAX_CANDIDATES * len(unknown)]
    )
    by_letter = {}
    for word, documents in candidates:
        by_letter.setdefault(word[0], []).append((word, documents))
    corrections = {}
    for word in unknown:
        scored, (shortest, longest) = [], _lengths(word)
        for candidate, documents in by_letter.get(word[0], []):
            if shortest <= len(candidate) <= longest:
                matcher = difflib.SequenceMatcher(None, word, candidate)
                if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
                    ratio = matcher.ratio()
                    if ratio >= CUTOFF:
                        scored.append((ratio, documents, candidate))
        if scored:  # the closest spelling; of equally close ones, the most used
            corrections[word] = max(scored)[2]
    return corrections


def _lengths(word):
    return max(MIN_LETTERS, len(word) - LENGTH_SLACK), len(word) + LENGTH_SLACK
