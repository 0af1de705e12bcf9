"""TF-IDF in plain numpy, identical to scikit-learn's ``TfidfVectorizer`` for the options infoquest uses.

scikit-learn fits the heads (training), but importing it costs about a second: at run time infoquest
computes the same features here (word, ``char`` and ``char_wb`` n-grams, sublinear counts, smooth idf,
L2 rows). ``tests/test_tfidf.py`` checks the two agree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

#: scikit-learn's English stop-word list (BSD-3-Clause), as ``stop_words="english"`` uses it.
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "afterwards",
        "again",
        "against",
        "all",
        "almost",
        "alone",
        "along",
        "already",
        "also",
        "although",
        "always",
        "am",
        "among",
        "amongst",
        "amoungst",
        "amount",
        "an",
        "and",
        "another",
        "any",
        "anyhow",
        "anyone",
        "anything",
        "anyway",
        "anywhere",
        "are",
        "around",
        "as",
        "at",
        "back",
        "be",
        "became",
        "because",
        "become",
        "becomes",
        "becoming",
        "been",
        "before",
        "beforehand",
        "behind",
        "being",
        "below",
        "beside",
        "besides",
        "between",
        "beyond",
        "bill",
        "both",
        "bottom",
        "but",
        "by",
        "call",
        "can",
        "cannot",
        "cant",
        "co",
        "con",
        "could",
        "couldnt",
        "cry",
        "de",
        "describe",
        "detail",
        "do",
        "done",
        "down",
        "due",
        "during",
        "each",
        "eg",
        "eight",
        "either",
        "eleven",
        "else",
        "elsewhere",
        "empty",
        "enough",
        "etc",
        "even",
        "ever",
        "every",
        "everyone",
        "everything",
        "everywhere",
        "except",
        "few",
        "fifteen",
        "fifty",
        "fill",
        "find",
        "fire",
        "first",
        "five",
        "for",
        "former",
        "formerly",
        "forty",
        "found",
        "four",
        "from",
        "front",
        "full",
        "further",
        "get",
        "give",
        "go",
        "had",
        "has",
        "hasnt",
        "have",
        "he",
        "hence",
        "her",
        "here",
        "hereafter",
        "hereby",
        "herein",
        "hereupon",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "hundred",
        "i",
        "ie",
        "if",
        "in",
        "inc",
        "indeed",
        "interest",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "keep",
        "last",
        "latter",
        "latterly",
        "least",
        "less",
        "ltd",
        "made",
        "many",
        "may",
        "me",
        "meanwhile",
        "might",
        "mill",
        "mine",
        "more",
        "moreover",
        "most",
        "mostly",
        "move",
        "much",
        "must",
        "my",
        "myself",
        "name",
        "namely",
        "neither",
        "never",
        "nevertheless",
        "next",
        "nine",
        "no",
        "nobody",
        "none",
        "noone",
        "nor",
        "not",
        "nothing",
        "now",
        "nowhere",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "onto",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "part",
        "per",
        "perhaps",
        "please",
        "put",
        "rather",
        "re",
        "same",
        "see",
        "seem",
        "seemed",
        "seeming",
        "seems",
        "serious",
        "several",
        "she",
        "should",
        "show",
        "side",
        "since",
        "sincere",
        "six",
        "sixty",
        "so",
        "some",
        "somehow",
        "someone",
        "something",
        "sometime",
        "sometimes",
        "somewhere",
        "still",
        "such",
        "system",
        "take",
        "ten",
        "than",
        "that",
        "the",
        "their",
        "them",
        "themselves",
        "then",
        "thence",
        "there",
        "thereafter",
        "thereby",
        "therefore",
        "therein",
        "thereupon",
        "these",
        "they",
        "thick",
        "thin",
        "third",
        "this",
        "those",
        "though",
        "three",
        "through",
        "throughout",
        "thru",
        "thus",
        "to",
        "together",
        "too",
        "top",
        "toward",
        "towards",
        "twelve",
        "twenty",
        "two",
        "un",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "well",
        "were",
        "what",
        "whatever",
        "when",
        "whence",
        "whenever",
        "where",
        "whereafter",
        "whereas",
        "whereby",
        "wherein",
        "whereupon",
        "wherever",
        "whether",
        "which",
        "while",
        "whither",
        "who",
        "whoever",
        "whole",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: ``word1``: words of any length, one character included. scikit-learn's default pattern drops "i", "u", "4"
#: and so reads "can i work 4 u" as "can work": the etiquette guard needs them (text-speak, "I" against "you").
_WORD_TOKENS = {"word": _TOKEN, "word1": re.compile(r"(?u)\b\w+\b")}
#: The token pattern of each word analyzer, as scikit-learn's ``token_pattern`` (``Lexicon`` trains with it).
WORD_PATTERNS = {name: pattern.pattern for name, pattern in _WORD_TOKENS.items()}
_SPACES = re.compile(r"\s\s+")


def analyse(
    text: str, analyzer: str, ngram_range: tuple[int, int], stop_words: frozenset[str] = frozenset()
) -> list[str]:
    """The n-grams scikit-learn's analyzer yields for ``text`` (lower-cased); ``word1`` is scikit-learn's ``word``
    with the token pattern ``WORD_PATTERNS["word1"]``."""
    low, high = ngram_range
    text = text.lower()
    grams: list[str] = []
    if analyzer in _WORD_TOKENS:
        tokens = [t for t in _WORD_TOKENS[analyzer].findall(text) if t not in stop_words]
        for n in range(low, high + 1):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    elif analyzer == "char_wb":
        for word in _SPACES.sub(" ", text).split():
            padded = f" {word} "
            for n in range(low, high + 1):
                grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
                if len(padded) <= n:  # as scikit-learn: a word no longer than n ends its n-grams
                    break
    elif analyzer == "char":
        text = _SPACES.sub(" ", text)
        for n in range(low, min(high, len(text)) + 1):
            grams.extend(text[i : i + n] for i in range(len(text) - n + 1))
    else:
        raise ValueError(f"unknown analyzer {analyzer!r}")
    return grams


@dataclass(frozen=True)
class Tfidf:
    """A fitted TF-IDF space: vocabulary (term → column) and idf weights."""

    analyzer: str
    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray
    stop_words: frozenset[str] = frozenset()

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        analyzer: str = "word",
        ngram_range: tuple[int, int] = (1, 1),
        stop_words: Iterable[str] = (),
    ) -> Tfidf:
        """Fit on ``texts`` (every term kept; smooth idf as scikit-learn computes it)."""
        stops = frozenset(stop_words)
        return cls._fitted(
            (set(analyse(text, analyzer, ngram_range, stops)) for text in texts), analyzer, ngram_range, stops
        )

    @classmethod
    def _fitted(
        cls, terms: Iterable[Iterable[str]], analyzer: str, ngram_range: tuple[int, int], stops: frozenset[str]
    ) -> Tfidf:
        """The space of texts whose distinct terms are ``terms`` (one iterable per text)."""
        df: Counter[str] = Counter()
        n = 0
        for distinct in terms:
            df.update(distinct)
            n += 1
        vocabulary = {term: i for i, term in enumerate(sorted(df))}
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in sorted(df)])
        return cls(analyzer, ngram_range, vocabulary, idf, stops)

    @classmethod
    def fit_rows(
        cls,
        texts: Sequence[str],
        analyzer: str = "word",
        ngram_range: tuple[int, int] = (1, 1),
        stop_words: Iterable[str] = (),
    ) -> tuple[Tfidf, list[tuple[np.ndarray, np.ndarray]]]:
        """``fit(texts, …)`` and its ``rows(texts)``, equal to both, reading each distinct text once (not twice)."""
        stops = frozenset(stop_words)
        counted: dict[str, Counter[str]] = {}
        for text in texts:
            if text not in counted:
                counted[text] = Counter(analyse(text, analyzer, ngram_range, stops))
        space = cls._fitted((counted[text].keys() for text in texts), analyzer, ngram_range, stops)
        return space, space._rows([counted[text] for text in texts])

    def rows(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text as (column indices, L2-normalised weights): a sparse row without scipy."""
        # Count every n-gram first, then keep the known ones: one look-up per distinct n-gram.
        return self._rows([Counter(analyse(text, self.analyzer, self.ngram_range, self.stop_words)) for text in texts])

    def _rows(self, counted: Sequence[Counter[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
        out = []
        vocabulary = self.vocabulary
        for grams in counted:
            counts = {g: c for g, c in grams.items() if g in vocabulary}
            if not counts:
                out.append((np.zeros(0, dtype=np.int64), np.zeros(0)))
                continue
            columns = np.fromiter((vocabulary[g] for g in counts), dtype=np.int64, count=len(counts))
            weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * self.idf[columns]
            out.append((columns, weights / np.linalg.norm(weights)))
        return out

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """A dense ``(len(texts), len(vocabulary))`` matrix; use ``rows`` or ``dot`` for large vocabularies."""
        out = np.zeros((len(texts), len(self.vocabulary)))
        for r, (columns, weights) in enumerate(self.rows(texts)):
            out[r, columns] = weights
        return out

    def dot(self, texts: Sequence[str], matrix: np.ndarray) -> np.ndarray:
        """``transform(texts) @ matrix`` for a ``(len(vocabulary), m)`` matrix, without the dense rows."""
        out = np.zeros((len(texts), matrix.shape[1]))
        for r, (columns, weights) in enumerate(self.rows(texts)):
            if len(columns):
                out[r] = weights @ matrix[columns]
        return out
