"""Which language a text is written in, so that infoquest can say when it cannot read its input.

infoquest's model, classifiers and questions are English. A goal, role or résumé in another language is
read poorly and silently; ``detect_language`` lets the library and the CLI say so instead.

Detection uses py3langid (a maintained fork of langid.py: a small offline model shipped in the package).
Short texts are hard for any identifier, and English inputs are full of foreign names ("friend of my dad,
José García, who runs Núñez y Asociados"), so two rules come first: a text mostly in a non-Latin script is
identified by its letters alone; in Latin script only lower-case words are read (names are capitalised),
and fewer than ``MIN_WORDS`` of them is too little to tell.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from infoquest import _paths

#: Lower-case words a Latin-script text needs before its language is judged.
MIN_WORDS = 4
#: Only this much of a long text (a résumé) is read: its language does not change halfway.
MAX_CHARS = 20_000
#: A Latin-script text is called English unless English is less likely than this, among Latin-script languages.
_MIN_ENGLISH = 0.2
UNDETERMINED = "und"

#: Latin-script languages the identifier may choose between (restricting it avoids rare look-alikes such
#: as Luxembourgish for an English sentence with German names).
_LATIN = (
    "en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro", "pl", "cs", "sk", "sl", "hr", "hu",
    "sv", "da", "no", "fi", "et", "lv", "lt", "tr", "id", "vi", "tl", "sw", "af", "sq", "is", "ga", "cy",
)  # fmt: skip
#: Words only English uses among these languages; a text where they are common is English, whatever else
#: it names ("my tío Roberto, who owns a taquería").
_ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "is", "for", "with", "my", "you", "how", "what", "who", "do", "at", "on", "this",
    "that", "are", "was", "be", "have", "want", "would", "could", "about", "from", "your", "which", "or", "by",
    "will", "can", "our", "their", "they", "he", "she", "his", "her", "we", "i'm", "i've", "it's", "don't",
})  # fmt: skip
_ENGLISH_SHARE = 0.25
#: A Latin-script text whose lower-case words are at least this share whole English words of the model's own
#: vocabulary is English: English goals and résumés score 0.8–0.95, Spanish, French or German ones about 0.35–0.5.
#: It spares the identifier (about 75 MB and 0.5 s to load) for almost every English input.
_VOCABULARY_SHARE = 0.8
NAMES: Mapping[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
    "nl": "Dutch", "ca": "Catalan", "ro": "Romanian", "pl": "Polish", "cs": "Czech", "hu": "Hungarian",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "tr": "Turkish", "id": "Indonesian",
    "vi": "Vietnamese", "tl": "Tagalog", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ru": "Russian",
    "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "bn": "Bengali",
    "ta": "Tamil", "th": "Thai", "el": "Greek", "bg": "Bulgarian", "sr": "Serbian", "ur": "Urdu",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def detect_language(text: str) -> str:
    """The language a text is mostly written in.

    Args:
        text: any text: goals, a role, a résumé.

    Returns:
        An ISO 639-1 code such as ``"en"``, ``"es"`` or ``"zh"``, or ``"und"`` when the text is too short
        (or has too few letters) to tell.
    """
    text = text[:MAX_CHARS]
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return UNDETERMINED
    latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)
    if latin < len(letters) / 2:  # another script: its letters say which language, even in a few words
        if len(letters) - latin < 2:
            return UNDETERMINED
        return str(_identifier().classify(text)[0])
    words = [w for w in _WORD.findall(text) if w.islower()]
    if len(words) < MIN_WORDS:
        return UNDETERMINED
    if sum(w in _ENGLISH_WORDS for w in words) >= _ENGLISH_SHARE * len(words):
        return "en"
    vocabulary = _english_vocabulary()
    if vocabulary and sum(w in vocabulary for w in words) >= _VOCABULARY_SHARE * len(words):
        return "en"
    ranked = dict(_identifier().rank(" ".join(words)))
    weights = {lang: ranked.get(lang, 0.0) for lang in _LATIN}
    total = sum(weights.values()) or 1.0
    best = max(weights, key=weights.__getitem__)
    if best == "en" or weights["en"] / total >= _MIN_ENGLISH:
        return "en"
    return best


def language_name(code: str) -> str:
    """An English name for a language code (the code itself when it is not a common one)."""
    return NAMES.get(code, code)


def input_languages(fields: Mapping[str, str]) -> dict[str, str]:
    """``detect_language`` for each non-empty field, e.g. ``{"goals": "es", "role": "zh", "resume": "es"}``."""
    return {name: detect_language(text) for name, text in fields.items() if text and text.strip()}


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    """The whole words of the shipped static model's word-piece vocabulary (empty if it cannot be read)."""
    try:
        data = json.loads(_paths.data_file("static").joinpath("tokenizer.json").read_text(encoding="utf-8"))
        vocab = data["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()  # the identifier alone decides, as before
    return frozenset(w for w in vocab if isinstance(w, str) and w.isalpha() and w.islower())


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded on first use (about 0.7 s): plain `import infoquest` stays fast.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
