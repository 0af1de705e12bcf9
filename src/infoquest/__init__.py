"""infoquest: recommends informational-interview questions for a job seeker's goals, résumé and interviewee.

Never ask for a job: ask for information, advice and referrals.

Names are imported from their modules on first use (PEP 562): ``import infoquest`` stays cheap, and
``infoquest --help`` loads neither numpy nor the readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from infoquest._version import __version__

if TYPE_CHECKING:
    from infoquest.concerns import Concern
    from infoquest.corpus import Corpus, Question, default_corpus, load_corpus
    from infoquest.encoders import ENCODER_NAMES, Encoder, HashingEncoder, resolve_encoder
    from infoquest.errors import (
        CorpusError,
        IndexCacheError,
        InfoquestError,
        InputError,
        InputTypeError,
        ModelError,
        ProfileError,
        ResumeReadError,
        WorkerError,
    )
    from infoquest.etiquette import EtiquetteGuard, EtiquetteVerdict, check_question, check_questions
    from infoquest.interviewee import Interviewee
    from infoquest.language import detect_language
    from infoquest.notices import profile_warnings
    from infoquest.plan import InterviewPlan, PlannedQuestion
    from infoquest.profile import Profile
    from infoquest.recommendation import Recommendation
    from infoquest.recommender import ProfileInsight, Recommender
    from infoquest.resume import ResumeText, read_resume
    from infoquest.seeker import Seeker
    from infoquest.static_encoder import StaticEncoder
    from infoquest.transformer_encoder import MiniLMEncoder, SentenceTransformerEncoder
    from infoquest.validation import CorpusStats, Problem, ValidationReport, corpus_stats, validate_corpus_file

#: Where each public name lives.
_LAZY: dict[str, str] = {
    "check_question": "infoquest.etiquette",
    "check_questions": "infoquest.etiquette",
    "Concern": "infoquest.concerns",
    "Corpus": "infoquest.corpus",
    "corpus_stats": "infoquest.validation",
    "CorpusError": "infoquest.errors",
    "CorpusStats": "infoquest.validation",
    "default_corpus": "infoquest.corpus",
    "detect_language": "infoquest.language",
    "Encoder": "infoquest.encoders",
    "ENCODER_NAMES": "infoquest.encoders",
    "EtiquetteGuard": "infoquest.etiquette",
    "EtiquetteVerdict": "infoquest.etiquette",
    "HashingEncoder": "infoquest.encoders",
    "IndexCacheError": "infoquest.errors",
    "InfoquestError": "infoquest.errors",
    "InputError": "infoquest.errors",
    "InputTypeError": "infoquest.errors",
    "Interviewee": "infoquest.interviewee",
    "InterviewPlan": "infoquest.plan",
    "load_corpus": "infoquest.corpus",
    "MiniLMEncoder": "infoquest.transformer_encoder",
    "ModelError": "infoquest.errors",
    "PlannedQuestion": "infoquest.plan",
    "Problem": "infoquest.validation",
    "Profile": "infoquest.profile",
    "profile_warnings": "infoquest.notices",
    "ProfileError": "infoquest.errors",
    "ProfileInsight": "infoquest.recommender",
    "Question": "infoquest.corpus",
    "read_resume": "infoquest.resume",
    "Recommendation": "infoquest.recommendation",
    "Recommender": "infoquest.recommender",
    "resolve_encoder": "infoquest.encoders",
    "ResumeReadError": "infoquest.errors",
    "WorkerError": "infoquest.errors",
    "ResumeText": "infoquest.resume",
    "Seeker": "infoquest.seeker",
    "SentenceTransformerEncoder": "infoquest.transformer_encoder",
    "StaticEncoder": "infoquest.static_encoder",
    "validate_corpus_file": "infoquest.validation",
    "ValidationReport": "infoquest.validation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'infoquest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ENCODER_NAMES",
    "Concern",
    "Corpus",
    "CorpusError",
    "CorpusStats",
    "Encoder",
    "EtiquetteGuard",
    "EtiquetteVerdict",
    "HashingEncoder",
    "IndexCacheError",
    "InfoquestError",
    "InputError",
    "InputTypeError",
    "InterviewPlan",
    "Interviewee",
    "MiniLMEncoder",
    "ModelError",
    "PlannedQuestion",
    "Problem",
    "Profile",
    "ProfileError",
    "ProfileInsight",
    "Question",
    "Recommendation",
    "Recommender",
    "ResumeReadError",
    "ResumeText",
    "Seeker",
    "SentenceTransformerEncoder",
    "StaticEncoder",
    "ValidationReport",
    "WorkerError",
    "__version__",
    "check_question",
    "check_questions",
    "corpus_stats",
    "default_corpus",
    "detect_language",
    "load_corpus",
    "profile_warnings",
    "read_resume",
    "resolve_encoder",
    "validate_corpus_file",
]
