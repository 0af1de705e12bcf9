"""The entry point: ``Recommender`` ranks and selects questions for profiles."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoquest import _checks as checks
from infoquest import plan as plan_mod
from infoquest import selection
from infoquest.corpus import Corpus, Question, default_corpus, load_corpus
from infoquest.encoders import Encoder, default_encoder
from infoquest.errors import InputError
from infoquest.features import FeatureSet, ProfileText, compute_features, embed_profiles
from infoquest.heads import LinearHead, load_heads
from infoquest.index import get_index
from infoquest.interviewee import Interviewee, infer_interviewees
from infoquest.lexical import LexicalMatcher
from infoquest.metadata import QuestionMeta, describe, impute
from infoquest.plan import Candidate, InterviewPlan
from infoquest.profile import Profile
from infoquest.ranking import LinearRanker, load_ranker
from infoquest.reasons import cutoffs, explain
from infoquest.recommendation import Recommendation
from infoquest.seeker import Seeker, infer_seekers
from infoquest.vocab import PLACEMENTS

logger = logging.getLogger(__name__)

MAX_K = 100
#: The guide's own closing question: other professionals to speak with, and permission to use the name.
GUIDE_REFERRAL_ID = "G32"


class ProfileInsight(BaseModel):
    """What infoquest inferred from a profile, so a user can check and correct it."""

    model_config = ConfigDict(frozen=True)

    seeker: Seeker
    interviewee: Interviewee


@dataclass(frozen=True)
class _CorpusState:
    vectors: np.ndarray
    meta: QuestionMeta
    categories: list[str]
    lexical: LexicalMatcher
    allowed: np.ndarray
    referral: np.ndarray
    organisation: np.ndarray
    field_vectors: np.ndarray


class Recommender:
    """Ranks a question corpus for job seekers' profiles and selects interview sets.

    Args:
        corpus: a ``Corpus``, a path to a JSON Lines corpus file, or ``None`` for the curated default.
        encoder: any ``Encoder``, or a name (``"static"``, ``"minilm"``, ``"hashing"``); ``None`` for the
            shipped static model, loaded on first use.
        cache_dir: where question embeddings are cached (default: the user's cache folder).
        ranker: learned ranking weights, or a path to them; ``None`` for the shipped ones.

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
        self.ranker = ranker if isinstance(ranker, LinearRanker) else load_ranker(ranker)

    @cached_property
    def encoder(self) -> Encoder:
        """The embedding model (loaded on first use)."""
        return self._encoder or default_encoder()

    def _heads(self, name: str) -> dict[str, LinearHead] | None:
        heads = load_heads(name)
        if any(head.model_id != self.encoder.model_id for head in heads.values()):
            logger.info("no %s heads for %s; inference falls back to neutral", name, self.encoder.model_id)
            return None
        return heads

    def build_index(self, *, rebuild: bool = False, progress: Callable[[int, int], None] | None = None) -> Path:
        """Embed the corpus now (normally done on first use) and return the cache folder."""
        from infoquest.index import cache_path, default_cache_dir

        get_index(self.corpus, self.encoder, self.cache_dir, rebuild=rebuild, progress=progress)
        return cache_path(self.corpus, self.encoder.model_id, self.cache_dir or default_cache_dir())

    @cached_property
    def _state(self) -> _CorpusState:
        vectors = get_index(self.corpus, self.encoder, self.cache_dir).vectors
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
            # The guard reads MiniLM embeddings: reuse the index's when it was built with the same model.
            same = self.encoder.model_id == guard.head.model_id
            verdicts = guard.check([q.text for q in self.corpus], vectors if same else None)
            allowed = np.array([not v.asks_for_job for v in verdicts])
            for question, verdict in zip(self.corpus, verdicts, strict=True):
                if verdict.asks_for_job:
                    logger.warning("question %s asks for a job; it will never be recommended", question.id)
        topics = [q.topics for q in self.corpus]
        referral = np.array(
            [c == "Referrals and Closing" or "referrals" in t for c, t in zip(categories, topics, strict=True)]
        )
        return _CorpusState(
            vectors=vectors,
            meta=meta,
            categories=categories,
            lexical=LexicalMatcher([q.text for q in self.corpus]),
            allowed=allowed,
            referral=referral,
            organisation=np.array([c == "About the Organization" for c in categories]),
            field_vectors=self._field_vectors(vectors.shape[1]),
        )

    def _field_vectors(self, dimension: int) -> np.ndarray:
        out = np.zeros((len(self.corpus), dimension), dtype=np.float32)
        restricted = [i for i, q in enumerate(self.corpus) if q.fields]
        if restricted:
            out[restricted] = self.encoder.encode([", ".join(self.corpus[i].fields) for i in restricted])
        return out

    def _understand(
        self, profiles: Sequence[Profile], texts: Sequence[ProfileText] | None = None
    ) -> tuple[list[Seeker], list[Interviewee]]:
        role_heads, goal_heads = self._heads("roles"), self._heads("goals")
        roles = [p.role for p in profiles]
        if texts is None and (role_heads or goal_heads):
            texts = embed_profiles(profiles, self.encoder, resume=False)
        role_vecs = goal_vecs = None
        if texts is not None:
            # The whole goals and the role are embedded once, with everything else the ranking reads.
            zeros = np.zeros(self._state.vectors.shape[1], dtype=np.float32)
            role_vecs = np.array([zeros if t.role_vector is None else t.role_vector for t in texts])
            goal_vecs = np.array([zeros if t.goals_vector is None else t.goals_vector for t in texts])
        seekers = infer_seekers(profiles, goal_vecs, goal_heads)
        interviewees = infer_interviewees(roles, role_vecs, role_heads, [p.interviewee for p in profiles])
        return seekers, interviewees

    def explain_profile(self, profile: Profile) -> ProfileInsight:
        """What infoquest reads from the profile: stage, needs, interviewee kind and relationship."""
        seekers, interviewees = self._understand([checks.profile(profile)])
        return ProfileInsight(seeker=seekers[0], interviewee=interviewees[0])

    def _analyse(self, profiles: Sequence[Profile]) -> list[tuple[FeatureSet, ProfileText, Seeker, Interviewee]]:
        for profile in profiles:
            if not isinstance(profile, Profile):
                raise InputError(f"expected a Profile, got {type(profile).__name__}; build one with Profile(...)")
        if not profiles:
            return []
        state = self._state
        texts = embed_profiles(profiles, self.encoder)
        seekers, interviewees = self._understand(profiles, texts)
        lexical = state.lexical.similarities([f"{p.goals} {p.role}" for p in profiles])
        return [
            (
                compute_features(text, seeker, who, state.vectors, state.meta, lexical[row], state.field_vectors),
                text,
                seeker,
                who,
            )
            for row, (text, seeker, who) in enumerate(zip(texts, seekers, interviewees, strict=True))
        ]

    def feature_matrices(self, profiles: Sequence[Profile]) -> list[np.ndarray]:
        """The ranking signals of each profile against every question, ``(n_questions, len(FEATURES))``.

        What ``benchmarks/train_ranker.py`` learns the weights from.
        """
        return [features.values for features, *_ in self._analyse(checks.profiles(profiles))]

    def _score(self, profiles: Sequence[Profile]) -> list[tuple[np.ndarray, Callable[[int], tuple[str, ...]]]]:
        """Scores of every question per profile, and a function giving a question's reasons on demand
        (building reasons is the slow part; ``recommend`` needs them for k questions only)."""
        results: list[tuple[np.ndarray, Callable[[int], tuple[str, ...]]]] = []
        for features, text, seeker, who in self._analyse(profiles):
            contributions = self.ranker.contributions(features.values)
            scores = contributions.sum(axis=1) + self.ranker.intercept
            bars = cutoffs(features)

            def reasons(
                i: int,
                c: np.ndarray = contributions,
                f: FeatureSet = features,
                t: ProfileText = text,
                s: Seeker = seeker,
                w: Interviewee = who,
                b: dict[str, float] = bars,
            ) -> tuple[str, ...]:
                return explain(i, self.corpus[i].text, c, f, t, s, w, b)

            results.append((scores, reasons))
        return results

    def _results(
        self, indices: Sequence[int], scores: np.ndarray, reasons: Callable[[int], tuple[str, ...]]
    ) -> list[Recommendation]:
        categories = self._state.categories
        return [
            Recommendation(
                question=self.corpus[i]
                if self.corpus[i].category == categories[i]
                else self.corpus[i].model_copy(update={"category": categories[i]}),
                score=float(scores[i]),
                rank=position,
                reasons=reasons(i),
            )
            for position, i in enumerate(indices, start=1)
        ]

    def rank_many(self, profiles: Sequence[Profile]) -> list[list[Recommendation]]:
        """Rank the whole corpus for each profile, best first (questions that ask for a job are left out)."""
        out = []
        for scores, reasons in self._score(checks.profiles(profiles)):
            order = [int(i) for i in np.argsort(-scores, kind="stable") if self._state.allowed[i]]
            out.append(self._results(order, scores, reasons))
        return out

    def rank(self, profile: Profile) -> list[Recommendation]:
        """Rank the whole corpus for one profile; see ``rank_many``."""
        return self.rank_many([checks.profile(profile)])[0]

    def recommend_many(self, profiles: Sequence[Profile], k: int = 10) -> list[list[Recommendation]]:
        """Select ``k`` questions per profile: relevant, diverse, no near-duplicates, in the guide's order.

        Raises:
            InputError: ``k`` is not between 1 and 100.
        """
        k = checks.whole_number("k", k, 1, MAX_K)
        profiles = checks.profiles(profiles)
        state = self._state
        out = []
        for scores, reasons in self._score(profiles):
            chosen = selection.select(
                scores, state.vectors, state.categories, k, allowed=state.allowed, referral=state.referral
            )
            ordered = selection.conversation_order(chosen, scores, state.organisation, state.meta.sensitive >= 0.5)
            out.append(self._results(ordered, scores, reasons))
        return out

    def recommend(self, profile: Profile, k: int = 10) -> list[Recommendation]:
        """Select ``k`` questions for one profile; see ``recommend_many``."""
        return self.recommend_many([checks.profile(profile)], k=k)[0]

    def plan(
        self, profile: Profile, minutes: int = plan_mod.DEFAULT_MINUTES, extra: Sequence[str] = ()
    ) -> InterviewPlan:
        """An interview plan that fits ``minutes`` (10–60): opening, core, careful questions late, closing.

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
        ((scores, reasons),) = self._score([profile])
        extras, refused = self._extras(extra)
        order = [int(i) for i in np.argsort(-scores, kind="stable") if state.allowed[i]]
        candidates = [self._candidate(i, scores, reasons) for i in order]
        position = {i: n for n, i in enumerate(order)}
        # Enough diverse candidates to fill even a long meeting (about one per two minutes, at least 16).
        chosen = selection.select(
            scores,
            state.vectors,
            state.categories,
            max(16, minutes // 2 + 8),
            allowed=state.allowed,
            referral=np.zeros(len(scores), dtype=bool),
        )
        closing = self._closing(candidates)
        feedback = {c.id: c.topics for c in candidates}
        planned, intro, thanks = plan_mod.assemble(candidates, extras, [position[i] for i in chosen], minutes, closing)
        goals = [s for s in self.explain_profile(profile).seeker.goal_sentences]
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

    def _candidate(self, i: int, scores: np.ndarray, reasons: Callable[[int], tuple[str, ...]]) -> Candidate:
        state, q = self._state, self.corpus[i]
        return Candidate(
            id=q.id,
            text=q.text,
            category=state.categories[i],
            score=float(scores[i]),
            minutes=float(state.meta.minutes[i]),
            placement=PLACEMENTS[int(state.meta.placement[i].argmax())],
            sensitive=bool(state.meta.sensitive[i] >= 0.5),
            referral=bool(state.referral[i]),
            topics=q.topics,
            reasons=reasons(i),
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

    def _extras(self, texts: Sequence[str]) -> tuple[list[Candidate], list[dict[str, str | None]]]:
        """The seeker's own questions: job requests refused with a suggestion, the rest described by
        their nearest curated neighbours (placement, minutes, sensitivity)."""
        texts = [" ".join(t.split()) for t in texts if t and t.strip()]
        if not texts:
            return [], []
        from infoquest.etiquette import check_questions

        verdicts = check_questions(texts, cache_dir=self.cache_dir)
        refused = [{"text": v.text, "suggestion": v.suggestion} for v in verdicts if v.asks_for_job]
        kept = [v.text for v in verdicts if not v.asks_for_job]
        if not kept:
            return [], refused
        mine = Corpus.from_questions([Question(id=f"yours-{n}", text=t, source="yours") for n, t in enumerate(kept, 1)])
        default = default_corpus()
        meta = impute(
            describe(mine),
            self.encoder.encode(kept),
            describe(default),
            get_index(default, self.encoder, self.cache_dir).vectors,
        )
        minutes = [round(float(np.clip(m, 1.0, 5.0)) * 2) / 2 for m in meta.minutes]
        return [
            Candidate(
                id=q.id,
                text=q.text,
                category=meta.categories()[n],
                score=0.0,
                minutes=minutes[n],
                placement=PLACEMENTS[int(meta.placement[n].argmax())],
                sensitive=bool(meta.sensitive[n] >= 0.5),
                referral=False,
                yours=True,
            )
            for n, q in enumerate(mine)
        ], refused
