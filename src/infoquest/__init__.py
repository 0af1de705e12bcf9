"""infoquest: recommends informational-interview questions for a job seeker's goals, résumé and interviewee.

Never ask for a job: ask for information, advice and referrals.
"""

from infoquest._version import __version__
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
