"""The entry point: ``Recommender`` reads profiles once, then scores, selects, explains and plans from that reading."""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from infoquest import _checks as checks
from infoquest import plan as plan_mod
from infoquest import selection
from infoquest.concerns import Concern
from infoquest.corpus import Corpus, Question, default_corpus, load_corpus
from infoquest.encoders import Encoder, resolve_encoder
from infoquest.etiquette import EtiquetteGuard, EtiquetteVerdict
from infoquest.features import FEATURES, CorpusSide, FeatureSet, compute_features, corpus_side
from infoquest.index import get_index, says_owners
from infoquest.interviewee import Interviewee
from infoquest.judged_says import JudgedSays, load_judged_says, with_judged
from infoquest.lexical import LexicalMatcher
from infoquest.matching import Says, signals
from infoquest.metadata import QuestionMeta, describe, impute
from infoquest.plan import Candidate, InterviewPlan
from infoquest.premises import premises_met, requirement_matrix
from infoquest.profile import Profile
from infoquest.ranking import LinearRanker, load_ranker
from infoquest.reading import Reading, read_profiles
from infoquest.reasons import cutoffs, explain, family_weights
from infoquest.recommendation import Recommendation
from infoquest.says_classifier import SaysClassifier, load_says_classifier
from infoquest.seeker import Seeker
from infoquest.trained import FOLDERS, Trained, load_trained, untrained
from infoquest.vocab import CATEGORIES, PLACEMENTS, REQUIRES, TOPICS
from infoquest.writer import without_repeats, write_question, written_from

logger = logging.getLogger(__name__)

MAX_K = 100
#: A set of ``k`` holds at most ``k // WRITTEN_PER`` questions written from the seeker's words.
WRITTEN_PER = 4
#: ``rank()`` gives reasons for this many questions at the top of the ranking (the rest have none).
RANK_REASONS = 50
#: The guide's own closing question: other professionals to speak with, and permission to use the name.
GUIDE_REFERRAL_ID = "G32"
#: Concerns are answered in this order when there is not room for all: what the seeker asks or fears first.
_CONCERN_PRIORITY = {"question": 0, "worry": 0, "learn": 1, "goal": 2, "statement": 3}
#: The set is filled with questions that suit this interviewee at least a little (``kind_fit``: the probability
#: that the interviewee is of a kind the question is written for), or that address an open concern.
MIN_KIND_FIT = 0.1
#: A concern's answer needs no kind fit at all: the seeker asked, and the kind tags are coarse (a retired ranger
#: can say how people choose a specialty; a recruiter knows union against non-union apprenticeships). Judges who
#: saw the interviewee found such answers addressing; ``benchmarks/evaluate_concerns.py`` compares the last rule
#: (0.01, which kept them out) on the dev concerns.
CONCERN_MIN_KIND_FIT = 0.0
#: A concern whose best bank question has a calibrated relevance under this also gets a question written from
#: the seeker's words, after those the bank cannot answer: on the held-out dev concerns a best question under 0.5
#: addresses the concern less often than not (between 0.25 and 0.5: 40% of the time with the static encoder, 23% with
#: MiniLM; ``benchmarks/results/concerns.md``, calibration table).
WRITE_BELOW = 0.5
#: Concerns matched per pass in ``_analyse`` (a multiple of ``matching.row_products``' block).
_CONCERN_SLICE = 64
_KIND_FIT = FEATURES.index("kind_fit")
#: A personal matter (``raised_by_seeker``) may also be raised by goals this close to the question.
RAISED_SIMILARITY = 0.55


class ConcernInsight(BaseModel):
    """One concern read from the goals, and whether the bank answers it."""

    model_config = ConfigDict(frozen=True)

    text: str
    kind: str
    needs: tuple[str, ...]
    #: The bank question that answers it best, when one answers it well (relevance at or above the threshold).
    question_id: str | None
    question: str | None
    relevance: float
    #: A question written from the seeker's words when the bank has none, or only an unsure one (relevance under
    #: ``WRITE_BELOW``; then it stands beside ``question``); ``None`` otherwise.
    written: str | None = None


class ProfileInsight(BaseModel):
    """What infoquest inferred from a profile, so a user can check and correct it."""

    model_config = ConfigDict(frozen=True)

    seeker: Seeker
    interviewee: Interviewee
    concerns: tuple[ConcernInsight, ...] = ()
    #: The language of each part of the profile given (``notices.profile_languages``), e.g. ``{"goals": "es"}``.
    languages: dict[str, str] = Field(default_factory=dict)
    #: One-line warnings: what is missing and what it would add, input not in English (``notices.profile_warnings``).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _CorpusState:
    vectors: np.ndarray
    meta: QuestionMeta
    categories: list[str]
    lexical: LexicalMatcher
    allowed: np.ndarray
    referral: np.ndarray
    closing: np.ndarray  # placed at the close of the conversation (closing or follow-up)
    organisation: np.ndarray
    side: CorpusSide  # the corpus's part of the features
    requires: np.ndarray  # (n, len(REQUIRES))
    raised: np.ndarray  # (n,) needs the seeker to raise the matter
    says: Says  # how seekers put the need each question answers, embedded
    says_lexical: LexicalMatcher  # ... and as words
    says_class: SaysClassifier | None  # which question a concern asks for; None for a corpus with none shipped


@dataclass(frozen=True)
class _Analysis:
    """One profile scored against the corpus, with its concerns covered."""

    reading: Reading
    features: FeatureSet
    scores: np.ndarray
    eligible: np.ndarray  # allowed, premise met
    secured: tuple[int, ...]  # the questions that answer concerns, in concern order
    answered: dict[int, int]  # concern index -> question index
    written: tuple[tuple[int, str], ...]  # (concern index, written question) for concerns the bank cannot answer
    bars: dict[str, float]  # reasons.cutoffs: the same for every question of this profile, so computed once
    weights: dict[str, np.ndarray]  # reasons.family_weights, likewise


class Recommender:
    """Ranks a question corpus for job seekers' profiles and selects interview sets.

    Args:
        corpus: a ``Corpus``, a path to a JSON Lines corpus file, or ``None`` for the curated default.
        encoder: an ``Encoder`` or a name: ``"auto"`` (default: ``"minilm"`` when the ``transformers`` extra is
            installed, else ``"static"``), ``"static"``, ``"minilm"`` or ``"hashing"``; loaded on first use.
        cache_dir: where question embeddings are cached (default: the user's cache folder).
        ranker: learned ranking weights, or a path to them; ``None`` for the ones shipped for the encoder.
        trained: ``False`` to run without the learned reading (for an encoder infoquest ships no trained
            models for); otherwise such an encoder is an error.

    Nothing heavy happens here: the model loads and the corpus is embedded on the first call that needs it.

    One ``Recommender`` may be shared by many threads: after the first call it is only read, and the
    encoders are thread-safe. Two threads making the first call at once may both build the state; they
    build equal states and one is kept.

    Raises:
        InputTypeError: an argument has the wrong type (the message names it).
        InputError: an unknown encoder name.
    """

    def __init__(
        self,
        corpus: Corpus | str | os.PathLike[str] | None = None,
        encoder: Encoder | str | None = None,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        ranker: LinearRanker | str | os.PathLike[str] | None = None,
        trained: bool = True,
    ) -> None:
        checks.corpus(corpus)
        checks.path_or_none(cache_dir, "cache_dir", "a folder path or None")
        if not isinstance(ranker, LinearRanker):
            checks.path_or_none(ranker, "ranker", "a LinearRanker, a path to ranker weights, or None")
        if corpus is None:
            self.corpus = default_corpus()
        elif isinstance(corpus, Corpus):
            self.corpus = corpus
        else:
            self.corpus = load_corpus(corpus)
        self._encoder = checks.encoder(encoder)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._ranker = ranker
        self._use_trained = trained

    def __getstate__(self) -> dict[str, Any]:
        # Pickled (for ``infoquest batch --workers``) without what it loaded on first use (the cached
        # properties: model, index, heads hold locks and memory maps); a copy loads its own.
        loaded = {
            name
            for klass in type(self).__mro__
            for name, value in vars(klass).items()
            if isinstance(value, cached_property)
        }
        return {name: value for name, value in self.__dict__.items() if name not in loaded}

    @cached_property
    def encoder(self) -> Encoder:
        """The embedding model (loaded on first use)."""
        return resolve_encoder(self._encoder)

    @cached_property
    def trained(self) -> Trained:
        """The learned parts for this encoder (``ModelError`` when none ships for it, unless ``trained=False``)."""
        model_id = self.encoder.model_id
        return load_trained(model_id) if self._use_trained else untrained(model_id)

    @cached_property
    def ranker(self) -> LinearRanker:
        """The ranking weights in use."""
        if isinstance(self._ranker, LinearRanker):
            return self._ranker
        return self.trained.ranker() if self._ranker is None else load_ranker(self._ranker)

    def build_index(self, *, rebuild: bool = False, progress: Callable[[int, int], None] | None = None) -> Path:
        """Embed the corpus now (normally done on first use) and return the cache folder."""
        from infoquest.index import cache_path, default_cache_dir

        get_index(self.corpus, self.encoder, self.cache_dir, rebuild=rebuild, progress=progress)
        return cache_path(self.corpus, self.encoder.model_id, self.cache_dir or default_cache_dir())

    @cached_property
    def _state(self) -> _CorpusState:
        index = get_index(self.corpus, self.encoder, self.cache_dir)
        vectors = index.vectors
        meta = describe(self.corpus)
        default = default_corpus()
        is_default = self.corpus.content_hash == default.content_hash
        if not meta.described.all():
            ref_vectors = vectors if is_default else get_index(default, self.encoder, self.cache_dir).vectors
            meta = impute(meta, vectors, describe(default), ref_vectors)
        categories = meta.categories()
        allowed = np.ones(len(self.corpus), dtype=bool)
        if not is_default:
            # The curated corpus is checked when it is built (tests); any other corpus is checked here.
            from infoquest.etiquette import EtiquetteGuard

            guard = EtiquetteGuard(cache_dir=self.cache_dir)
            same = self.encoder.model_id == guard.head.model_id
            verdicts = guard.check([q.text for q in self.corpus], vectors if same else None)
            allowed = np.array([not v.asks_for_job for v in verdicts])
            for question, verdict in zip(self.corpus, verdicts, strict=True):
                if verdict.asks_for_job:
                    logger.warning("question %s asks for a job; it will never be recommended", question.id)
        # The set's referral question must ask for people to talk to (topic "referrals"), not just be any
        # closing question; a corpus with no topics at all falls back to its "Referrals and Closing" category.
        tagged = any(q.topics for q in self.corpus)
        referral = np.array(
            [
                "referrals" in q.topics if tagged else c == "Referrals and Closing"
                for c, q in zip(categories, self.corpus, strict=True)
            ]
        )
        requires = requirement_matrix([q.requires for q in self.corpus])
        # The concerns judged to ask for a question join its own says (``judged_says``; the shipped corpus only).
        says, says_texts = with_judged(
            Says(index.says(), says_owners(self.corpus)),
            [s for q in self.corpus for s in q.says],
            self._judged_says(),
            [q.id for q in self.corpus],
        )
        raised = requires[:, REQUIRES.index("raised_by_seeker")] if "raised_by_seeker" in REQUIRES else None
        return _CorpusState(
            vectors=vectors,
            meta=meta,
            categories=categories,
            lexical=LexicalMatcher([q.text for q in self.corpus]),
            allowed=allowed,
            referral=referral,
            closing=np.array([q.placement in ("closing", "follow_up") for q in self.corpus]),
            organisation=np.array([c == "About the Organization" for c in categories]),
            side=corpus_side(vectors, meta, self._field_vectors(vectors.shape[1])),
            requires=requires,
            raised=np.zeros(len(self.corpus), dtype=bool) if raised is None else raised,
            says=says,
            says_lexical=LexicalMatcher(says_texts),
            says_class=self._says_classifier(),
        )

    def _says_classifier(self) -> SaysClassifier | None:
        folder = FOLDERS.get(self.encoder.model_id)
        return None if folder is None else load_says_classifier(folder, self.encoder.model_id, self.corpus.content_hash)

    def _judged_says(self) -> JudgedSays | None:
        folder = FOLDERS.get(self.encoder.model_id)
        return None if folder is None else load_judged_says(folder, self.encoder.model_id, self.corpus.content_hash)

    def _field_vectors(self, dimension: int) -> np.ndarray:
        out = np.zeros((len(self.corpus), dimension), dtype=np.float32)
        restricted = [i for i, q in enumerate(self.corpus) if q.fields]
        if restricted:
            names = [", ".join(f.replace("_", " and ") for f in self.corpus[i].fields) for i in restricted]
            out[restricted] = self.encoder.encode(names)
        return out

    # --- Reading and scoring ---------------------------------------------------------------------------------

    def read(self, profiles: Sequence[Profile]) -> list[Reading]:
        """Read profiles once: concerns, seeker, interviewee and the vectors everything else uses."""
        return read_profiles(checks.profiles(profiles), self.encoder, self.trained)

    def _analyse(self, readings: Sequence[Reading], k: int = 10, *, write: bool = True) -> list[_Analysis]:
        """One analysis per reading; ``write=False`` (``rank``, features) skips the questions written from the goals,
        which only sets, plans and the profile insight show (drafting them runs the etiquette guard)."""
        state = self._state
        matcher = self.trained.matcher_for(state.says_class is not None)
        if not readings:
            return []
        lexical = state.lexical.similarities([f"{r.profile.goals} {r.profile.role}" for r in readings])
        # The concerns of every profile matched together, _CONCERN_SLICE at a time (each row depends on its
        # concern alone; slices keep the (concerns, questions, signals) array small enough for the cache).
        # A long concern's clauses (``concern_views``) are matched too, as rows after the concerns', each with its
        # concern's sentence and needs; a question's relevance to the concern is its best over the whole and them.
        bounds = np.cumsum([0] + [len(r.concerns) for r in readings])
        owners = np.concatenate(
            [r.text.concern_view_owners + bounds[i] for i, r in enumerate(readings)] + [np.zeros(0, dtype=np.int64)]
        )
        concern_texts = [c.text for r in readings for c in r.concerns] + [
            v for r in readings for v in r.text.concern_views
        ]
        sentences = [c.sentence for r in readings for c in r.concerns]
        concern_sentences = sentences + [sentences[o] for o in owners]
        all_relevance = np.zeros((len(concern_texts), len(self.corpus)))
        if concern_texts:
            vectors = np.concatenate(
                [r.text.concern_vectors for r in readings]
                + [r.text.concern_view_vectors for r in readings if len(r.text.concern_views)]
            )
            sentence_vectors = np.concatenate([r.text.concern_sentence_vectors for r in readings])
            sentence_vectors = np.concatenate([sentence_vectors, sentence_vectors[owners]])
            needs = np.concatenate([r.concern_needs for r in readings])
            needs = np.concatenate([needs, needs[owners]])
            for start in range(0, len(concern_texts), _CONCERN_SLICE):
                part = slice(start, start + _CONCERN_SLICE)
                texts = concern_texts[part]
                values = signals(
                    vectors[part],
                    sentence_vectors[part],
                    state.vectors,
                    state.lexical.similarities(texts),
                    needs[part],
                    state.meta.topics,
                    state.says,
                    state.says_lexical.similarities(texts),
                    None if state.says_class is None else state.says_class.log_probabilities(vectors[part], texts),
                    None
                    if state.says_class is None
                    else state.says_class.log_probabilities(sentence_vectors[part], concern_sentences[part]),
                )
                all_relevance[part] = matcher.probabilities(values)
        count = int(bounds[-1])
        whole_relevance = all_relevance[:count].copy()
        if len(owners):
            np.maximum.at(all_relevance, owners, all_relevance[count:])
        all_relevance = all_relevance[:count]
        out = []
        for row, reading in enumerate(readings):
            concerns = reading.concerns
            relevance = all_relevance[bounds[row] : bounds[row + 1]]
            whole = whole_relevance[bounds[row] : bounds[row + 1]]
            # The ranking signals read the whole concerns, as the ranker was trained; which questions answer a
            # concern (selection, reasons, the insight) reads its clauses too.
            features = replace(
                compute_features(reading, state.side, lexical[row], whole, matcher.threshold), relevance=relevance
            )
            contributions = self.ranker.contributions(features.values)
            scores = contributions.sum(axis=1) + self.ranker.intercept
            # A personal matter is asked only when the seeker raised it: a concern it answers, or close goals.
            raised = (features.values[:, 0] >= RAISED_SIMILARITY) | (
                whole.max(axis=0) >= matcher.threshold if len(whole) else False
            )
            facts = reading.premises | {"raised_by_seeker"}
            eligible = state.allowed & premises_met(state.requires, facts) & (~state.raised | raised)
            priority = sorted(range(len(concerns)), key=lambda c: (_CONCERN_PRIORITY[concerns[c].kind], c))
            # A concern's answer is not held to the kind fit that filling the set is (CONCERN_MIN_KIND_FIT).
            answerable = eligible & (features.values[:, _KIND_FIT] >= CONCERN_MIN_KIND_FIT)
            cover = partial(
                selection.cover_concerns, relevance, matcher.threshold, answerable, scores, state.vectors, priority
            )
            # One place is always left for the guide's referral ask, and the written questions take theirs: the
            # concerns' answers are taken again, in the same turns, when they would not leave room for both.
            secured, answered = cover(max(1, k - 1), per_concern=4)
            # Whether a concern is unsure enough to be written for is read on the whole concern, as the matcher was
            # calibrated: a clause that matches well does not make the whole concern answered.
            written = self._written(reading, answered, priority, whole, matcher.threshold) if write else ()
            room = max(1, k - 1 - min(len(written), k // WRITTEN_PER))
            if len(secured) > room:
                secured, answered = cover(room, per_concern=4)
            out.append(
                _Analysis(
                    reading=reading,
                    features=features,
                    scores=scores,
                    eligible=eligible,
                    secured=tuple(secured),
                    answered=answered,
                    written=written,
                    bars=cutoffs(features),
                    weights=family_weights(contributions),
                )
            )
        return out

    def _written(
        self, reading: Reading, answered: dict[int, int], priority: list[int], relevance: np.ndarray, bar: float
    ) -> tuple[tuple[int, str], ...]:
        """Questions written for the concerns no bank question answers, or answers unsurely (the etiquette guard
        checks each)."""
        best = relevance.max(axis=1) if relevance.size else np.zeros(len(reading.concerns))
        drafts = []
        for c in selection.concerns_to_write(priority, answered, best, bar, WRITE_BELOW):
            concern = reading.concerns[c]
            if concern.kind in ("goal", "statement"):
                continue
            text = write_question(concern)
            if text is not None:
                drafts.append((c, text))
        drafts = without_repeats(drafts)
        if not drafts:
            return ()
        verdicts = self._check([text for _, text in drafts])
        return tuple(d for d, v in zip(drafts, verdicts, strict=True) if not v.asks_for_job)

    @cached_property
    def _guard(self) -> EtiquetteGuard | None:
        """The etiquette guard trained for this recommender's encoder, when one ships (``--encoder static`` then
        never loads torch to check a question); ``None`` means the default guard."""
        from infoquest.trained import FOLDERS

        if self._use_trained and self.encoder.model_id in FOLDERS:
            return EtiquetteGuard(self.encoder, cache_dir=self.cache_dir)
        return None

    def _check(self, texts: list[str]) -> list[EtiquetteVerdict]:
        """The etiquette guard's verdicts on ``texts`` (written questions, the seeker's own)."""
        from infoquest.etiquette import check_questions

        guard = self._guard
        return guard.check(texts) if guard is not None else check_questions(texts, cache_dir=self.cache_dir)

    def explain_profile(self, profile: Profile) -> ProfileInsight:
        """What infoquest reads from the profile: stage, needs, concerns, interviewee kind and relationship."""
        (analysis,) = self._analyse(self.read([checks.profile(profile)]))
        return self._insight(analysis)

    def _insight(self, analysis: _Analysis) -> ProfileInsight:
        from infoquest.notices import profile_languages, profile_warnings

        reading, relevance = analysis.reading, analysis.features.relevance
        written = dict(analysis.written)
        concerns = []
        for c, concern in enumerate(reading.concerns):
            best = analysis.answered.get(c)
            needs = tuple(
                TOPICS[t] for t in np.argsort(-reading.concern_needs[c])[:3] if reading.concern_needs[c, t] >= 0.5
            )
            concerns.append(
                ConcernInsight(
                    text=concern.text,
                    kind=concern.kind,
                    needs=needs,
                    question_id=None if best is None else self.corpus[best].id,
                    question=None if best is None else self.corpus[best].text,
                    relevance=round(float(relevance[c].max()), 4) if len(relevance) else 0.0,
                    written=written.get(c),
                )
            )
        languages = profile_languages(reading.profile)
        return ProfileInsight(
            seeker=reading.seeker,
            interviewee=reading.interviewee,
            concerns=tuple(concerns),
            languages=languages,
            warnings=profile_warnings(reading.profile, languages),
        )

    def feature_matrices(self, profiles: Sequence[Profile]) -> list[np.ndarray]:
        """The ranking signals of each profile against every question, ``(n_questions, len(FEATURES))``.

        What ``benchmarks/train_ranker.py`` learns the weights from.
        """
        return [a.features.values for a in self._analyse(self.read(profiles), write=False)]

    # --- Results ---------------------------------------------------------------------------------------------

    def _reasons(self, analysis: _Analysis, i: int) -> tuple[str, ...]:
        return explain(
            i,
            self.corpus[i].text,
            analysis.weights,
            analysis.features,
            analysis.reading,
            analysis.bars,
            referral=bool(self._state.referral[i]),
        )

    def _question(self, i: int) -> Question:
        category = self._state.categories[i]
        q = self.corpus[i]
        return q if q.category == category else q.model_copy(update={"category": category})

    def _result(self, analysis: _Analysis, i: int, rank: int, reasons: tuple[str, ...] | None = None) -> Recommendation:
        # The concerns a chosen answer answers (it may clear the bar for more than the one it was taken for).
        relevance, bar = analysis.features.relevance, analysis.features.threshold
        concerns = (
            tuple(c.text for n, c in enumerate(analysis.reading.concerns) if relevance[n, i] >= bar)
            if i in analysis.secured
            else ()
        )
        return Recommendation(
            question=self._question(i),
            score=float(analysis.scores[i]),
            rank=rank,
            reasons=self._reasons(analysis, i) if reasons is None else reasons,
            concerns=concerns,
        )

    def _written_result(self, analysis: _Analysis, c: int, text: str, n: int, rank: int) -> Recommendation:
        concern = analysis.reading.concerns[c]
        # The written question borrows its category from the bank question nearest to the concern (never "About
        # the Organization": it asks about the seeker's concern, not the interviewee's employer).
        similarity = self._state.vectors @ analysis.reading.text.concern_vectors[c]
        nearest = int(np.argmax(np.where(self._state.organisation, -np.inf, similarity)))
        question = Question(id=f"W{n}", text=text, category=self._state.categories[nearest], source="goals")
        # A question written from both halves of a question the seeker typed ("Do I need coded welds first, and how
        # many years onshore?") answers the first half's concern too.
        words = written_from(concern, text)
        held = [
            other.text
            for other in analysis.reading.concerns
            if other is not concern
            and other.sentence == concern.sentence
            and other.start < concern.start
            and other.text in words
        ]
        return Recommendation(
            question=question,
            score=0.0,
            rank=rank,
            reasons=(_written_reason(concern, text, c in analysis.answered),),
            concerns=(*held, concern.text),
        )

    def rank_many(self, profiles: Sequence[Profile]) -> list[list[Recommendation]]:
        """Rank the whole corpus for each profile, best first.

        The question that best answers each stated concern comes first (in concern order), then every other
        question by score. Questions that ask for a job or whose premise is false are left out. Reasons are
        given for the first ``RANK_REASONS`` (50) questions; building them for hundreds more is the slow part
        and nobody reads that far.
        """
        out = []
        for analysis in self._analyse(self.read(profiles), write=False):
            rest = [int(i) for i in np.argsort(-analysis.scores, kind="stable") if analysis.eligible[i]]
            secured = sorted(analysis.secured, key=lambda i: -analysis.scores[i])
            taken = set(secured)
            order = [*secured, *(i for i in rest if i not in taken)]
            out.append(
                [
                    self._result(analysis, i, rank, None if rank <= RANK_REASONS else ())
                    for rank, i in enumerate(order, start=1)
                ]
            )
        return out

    def rank(self, profile: Profile) -> list[Recommendation]:
        """Rank the whole corpus for one profile; see ``rank_many``."""
        return self.rank_many([checks.profile(profile)])[0]

    def recommend_many(self, profiles: Sequence[Profile], k: int = 10) -> list[list[Recommendation]]:
        """Select ``k`` questions per profile: each stated concern answered where the bank can (its best
        question first, or one written from the seeker's words where it cannot, at most ``k // 4``), then
        relevant, diverse questions for this stage and interviewee; no near-duplicates, in the guide's order.

        Raises:
            InputError: ``k`` is not between 1 and 100.
        """
        k = checks.whole_number("k", k, 1, MAX_K)
        state = self._state
        out = []
        for analysis in self._analyse(self.read(profiles), k):
            written = list(analysis.written)[: k // WRITTEN_PER]
            # The set is filled with questions this interviewee can answer (when the reading is unsure every kind
            # fits a little and nothing is left out), or that address a concern no answer above addresses yet: a
            # question this interviewee answers less well beats leaving the concern unanswered. Too few such
            # questions: all eligible ones.
            features = analysis.features
            open_concerns = [c for c in range(len(features.relevance)) if c not in analysis.answered]
            concern_relevant = (
                (features.relevance[open_concerns] >= features.threshold).any(axis=0)
                if open_concerns
                else np.zeros(len(analysis.scores), dtype=bool)
            )
            answerable = analysis.eligible & ((features.values[:, _KIND_FIT] >= MIN_KIND_FIT) | concern_relevant)
            chosen = selection.select(
                analysis.scores,
                state.vectors,
                state.categories,
                k - len(written),
                allowed=answerable if answerable.sum() >= 2 * k else analysis.eligible,
                referral=state.referral,
                seed=analysis.secured,
                closing=state.closing,
            )
            sensitive = state.meta.sensitive >= 0.5
            if chosen and all(sensitive[i] for i in chosen):
                # Never open with a sensitive question: a set of sensitive ones gives up its last for the best
                # question that is not.
                safe = [int(i) for i in np.argsort(-analysis.scores, kind="stable") if analysis.eligible[i]]
                replacement = next((i for i in safe if not sensitive[i] and i not in chosen), None)
                if replacement is not None:
                    chosen[-1] = replacement
            ordered = selection.conversation_order(chosen, analysis.scores, state.organisation, sensitive)
            reasons = _spread_reasons([self._reasons(analysis, i) for i in ordered])
            reasons = [r or (_ROUNDS_OUT,) for r in reasons]
            results = [self._result(analysis, i, 0, r) for i, r in zip(ordered, reasons, strict=True)]
            # Written questions go early in the core, after the first (opening) question.
            for n, (c, text) in enumerate(written, start=1):
                results.insert(min(n, len(results)), self._written_result(analysis, c, text, n, 0))
            out.append([r.model_copy(update={"rank": position}) for position, r in enumerate(results, start=1)])
        return out

    def recommend(self, profile: Profile, k: int = 10) -> list[Recommendation]:
        """Select ``k`` questions for one profile; see ``recommend_many``."""
        return self.recommend_many([checks.profile(profile)], k=k)[0]

    # --- Plans -----------------------------------------------------------------------------------------------

    def plan(
        self, profile: Profile, minutes: int = plan_mod.DEFAULT_MINUTES, extra: Sequence[str] = ()
    ) -> InterviewPlan:
        """An interview plan that fits ``minutes`` (10–60): opening, core, careful questions late, closing.

        Questions written for the seeker's unanswered concerns are placed like the seeker's own.

        Args:
            profile: the seeker.
            minutes: the meeting's length; a few minutes are kept for introductions and thanks.
            extra: the seeker's own questions; any that ask for a job are left out (see ``refused``).

        Raises:
            InputError: ``minutes`` is out of range, or the seeker's own questions do not fit in it.
        """
        minutes = checks.whole_number(
            "minutes", minutes, plan_mod.MIN_MINUTES, plan_mod.MAX_MINUTES, " (the guide: keep it to 20-30)"
        )
        profile, extra = checks.profile(profile), checks.texts(extra, "extra")
        state = self._state
        (analysis,) = self._analyse(self.read([profile]))
        scores = analysis.scores
        written = {
            text: _written_reason(analysis.reading.concerns[c], text, c in analysis.answered)
            for c, text in analysis.written[:2]
        }
        extras, refused = self._extras([*extra, *written], written=written)
        order = [int(i) for i in np.argsort(-scores, kind="stable") if analysis.eligible[i]]
        secured = sorted(analysis.secured, key=lambda i: -scores[i])
        order = [*secured, *(i for i in order if i not in set(secured))]
        # Reasons are the slow part: only the questions a plan could use get them.
        candidates = [self._candidate(analysis, i, with_reasons=n < 80) for n, i in enumerate(order)]
        position = {i: n for n, i in enumerate(order)}
        # Enough diverse candidates to fill even a long meeting (about one per two minutes, at least 16).
        chosen = selection.select(
            scores,
            state.vectors,
            state.categories,
            max(16, minutes // 2 + 8),
            allowed=analysis.eligible,
            referral=np.zeros(len(scores), dtype=bool),
            seed=analysis.secured,
        )
        closing = self._closing(candidates)
        feedback = {c.id: c.topics for c in candidates}
        planned, intro, thanks = plan_mod.assemble(candidates, extras, [position[i] for i in chosen], minutes, closing)
        goals = list(analysis.reading.seeker.goal_sentences)
        return InterviewPlan(
            minutes=minutes,
            intro_minutes=intro,
            thanks_minutes=thanks,
            question_minutes=round(sum(q.minutes for q in planned), 1),
            interviewee=profile.role.strip(),
            questions=tuple(planned),
            preparation=plan_mod.preparation(
                profile.role, goals, any("resume_feedback" in feedback.get(q.id, ()) for q in planned)
            ),
            follow_up=plan_mod.follow_up(profile.role),
            refused=tuple(refused),
        )

    def _candidate(self, analysis: _Analysis, i: int, *, with_reasons: bool = True) -> Candidate:
        state, q = self._state, self.corpus[i]
        return Candidate(
            id=q.id,
            text=q.text,
            category=state.categories[i],
            score=float(analysis.scores[i]),
            minutes=float(state.meta.minutes[i]),
            placement=PLACEMENTS[int(state.meta.placement[i].argmax())],
            sensitive=bool(state.meta.sensitive[i] >= 0.5),
            referral=bool(state.referral[i]),
            topics=q.topics,
            reasons=self._reasons(analysis, i) if with_reasons else (),
        )

    def _closing(self, candidates: list[Candidate]) -> Candidate:
        # The guide closes by asking for other people to talk to and whether its name may be used.
        referrals = [c for c in candidates if c.referral and c.placement in ("closing", "follow_up")]
        naming = [c for c in referrals if re.search(r"\byour name\b", c.text, re.IGNORECASE)]
        if naming or referrals:
            return (naming or referrals)[0]
        guide = default_corpus().get(GUIDE_REFERRAL_ID)
        return Candidate(
            id=guide.id,
            text=guide.text,
            category=guide.category,
            score=0.0,
            minutes=guide.minutes,
            placement="closing",
            sensitive=False,
            referral=True,
        )

    def _extras(
        self, texts: Sequence[str], written: dict[str, str] | None = None
    ) -> tuple[list[Candidate], list[dict[str, str | None]]]:
        """The seeker's own questions (and those written from their goals): job requests refused with a
        suggestion, the rest described by their nearest curated neighbours (placement, minutes, sensitivity)."""
        texts = [" ".join(t.split()) for t in texts if t and t.strip()]
        if not texts:
            return [], []
        verdicts = self._check(texts)
        refused = [{"text": v.text, "suggestion": v.suggestion} for v in verdicts if v.asks_for_job]
        kept = [v.text for v in verdicts if not v.asks_for_job]
        if not kept:
            return [], refused
        reasons = written or {}
        source = {t: ("goals" if t in reasons else "yours") for t in kept}
        mine = Corpus.from_questions(
            [Question(id=f"{source[t]}-{n}", text=t, source=source[t]) for n, t in enumerate(kept, 1)]
        )
        default = default_corpus()
        meta = impute(
            describe(mine),
            self.encoder.encode(kept),
            describe(default),
            get_index(default, self.encoder, self.cache_dir).vectors,
        )
        minutes = [round(float(np.clip(m, 1.0, 5.0)) * 2) / 2 for m in meta.minutes]
        categories = meta.categories()
        sensitive = [bool(v >= 0.5) for v in meta.sensitive]
        organisation = CATEGORIES.index("About the Organization")
        for n, q in enumerate(mine):
            if q.source != "goals":
                continue
            # Written from the seeker's own concern, it asks about the field, not the interviewee's employer, and
            # the seeker chose to raise it: it is held back to the careful part of a plan only when it is about
            # pay, not because nearby bank questions are about an employer's own hiring.
            if categories[n] == "About the Organization":
                ranked = [int(i) for i in np.argsort(-meta.category[n]) if int(i) != organisation]
                categories[n] = CATEGORIES[ranked[0]]
            sensitive[n] = sensitive[n] and categories[n] == "Salary and Advancement Opportunities"
        return [
            Candidate(
                id=q.id,
                text=q.text,
                category=categories[n],
                score=0.0,
                minutes=minutes[n],
                placement=PLACEMENTS[int(meta.placement[n].argmax())],
                sensitive=sensitive[n],
                referral=False,
                yours=q.source == "yours",
                source=q.source,
                reasons=(reasons[q.text],) if q.text in reasons else (),
            )
            for n, q in enumerate(mine)
        ], refused


def _written_reason(concern: Concern, question: str, answered: bool) -> str:
    why = "the bank's closest question may not fully answer it" if answered else "no question in the bank answers it"
    return f'Written from your words, "{_short(written_from(concern, question))}": {why}'


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


#: Why a pick is there when no specific reason is left (every pick is explained).
_ROUNDS_OUT = "Rounds out the set: fits your stage and this interviewee, and asks what the others do not"


def _spread_reasons(reasons: list[tuple[str, ...]], most: int = 2) -> list[tuple[str, ...]]:
    """Keep any one reason on at most ``most`` questions of a set: a reason repeated on every pick says
    nothing. Later questions lose the repeat and keep their other reasons; one whose only reasons are repeats
    keeps its first, since it is still the true reason for that pick."""
    seen: Counter[str] = Counter()
    out = []
    for items in reasons:
        kept = tuple(r for r in items if seen[r] < most) or items[:1]
        seen.update(kept)
        out.append(kept)
    return out
