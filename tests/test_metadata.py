from __future__ import annotations

import numpy as np
import pytest

from infoquest.corpus import Corpus, Question
from infoquest.metadata import NEIGHBOURS, TEMPERATURE, QuestionMeta, describe, impute
from infoquest.vocab import CATEGORIES, INTERVIEWEES, PLACEMENTS, SETTINGS, STAGES, TOPICS

FIELDS = ("interviewees", "stages", "topics", "placement", "category", "sensitive", "settings", "minutes")


def _row(vocab, *values):
    return np.array([float(v in values) for v in vocab])


# --- describe ------------------------------------------------------------------------------------------


def test_describe_an_undescribed_corpus_gives_neutral_rows(small_corpus):
    meta = describe(small_corpus)
    n = len(small_corpus)
    np.testing.assert_array_equal(meta.interviewees, np.ones((n, len(INTERVIEWEES))))
    np.testing.assert_array_equal(meta.stages, np.ones((n, len(STAGES))))
    np.testing.assert_array_equal(meta.settings, np.ones((n, len(SETTINGS))))
    np.testing.assert_array_equal(meta.topics, np.zeros((n, len(TOPICS))))
    np.testing.assert_array_equal(meta.placement, np.tile(_row(PLACEMENTS, "core"), (n, 1)))
    np.testing.assert_array_equal(meta.sensitive, np.zeros(n))
    np.testing.assert_array_equal(meta.minutes, np.full(n, 2.5))
    assert not meta.described.any()
    assert meta.categories() == [q.category for q in small_corpus]


def test_describe_a_fully_described_question():
    q = Question(
        id="x", text="What salary can a new analyst expect?", category="Salary and Advancement Opportunities",
        interviewees=("recruiter", "alumni"), stages=("student",), topics=("salary", "advancement"),
        placement="closing", sensitive=True, minutes=4, settings=("government",),
    )  # fmt: skip
    meta = describe(Corpus.from_questions([q]))
    np.testing.assert_array_equal(meta.interviewees[0], _row(INTERVIEWEES, "recruiter", "alumni"))
    np.testing.assert_array_equal(meta.stages[0], _row(STAGES, "student"))
    np.testing.assert_array_equal(meta.topics[0], _row(TOPICS, "salary", "advancement"))
    np.testing.assert_array_equal(meta.placement[0], _row(PLACEMENTS, "closing"))
    np.testing.assert_array_equal(meta.category[0], _row(CATEGORIES, "Salary and Advancement Opportunities"))
    np.testing.assert_array_equal(meta.settings[0], _row(SETTINGS, "government"))
    assert meta.sensitive.tolist() == [1.0] and meta.minutes.tolist() == [4.0]
    assert meta.described.tolist() == [True]


def test_uncategorized_is_a_uniform_category_row():
    meta = describe(Corpus.from_questions(["What is a typical day like?"]))
    np.testing.assert_allclose(meta.category[0], np.full(len(CATEGORIES), 1 / len(CATEGORIES)))


def test_one_described_field_makes_a_question_described():
    corpus = Corpus.from_questions(
        [
            Question(id="a", text="Any advice for me?", topics=("advice",)),
            Question(id="b", text="Any advice for me?"),
        ]
    )
    assert describe(corpus).described.tolist() == [True, False]


# --- impute --------------------------------------------------------------------------------------------

REFERENCE = [
    Question(id="r1", text="How did you decide to pursue this path?", category="Career Specific",
             interviewees=("practitioner",), stages=("student",), topics=("career_path", "decision"),
             placement="opening", minutes=3),
    Question(id="r2", text="What does a typical week look like for you?", category="Responsibilities",
             interviewees=("early_career", "practitioner"), topics=("day_to_day",), minutes=2),
    Question(id="r3", text="What salary range can an entry-level person expect?",
             category="Salary and Advancement Opportunities", interviewees=("recruiter",),
             stages=("recent_graduate", "student"), topics=("salary",), sensitive=True, minutes=1.5),
    Question(id="r4", text="Could I send you my résumé for feedback?", category="Training and Preparation",
             interviewees=("hiring_manager",), stages=("career_changer",), topics=("resume_feedback",),
             minutes=4),
    Question(id="r5", text="Who else would you suggest I speak with, and may I use your name?",
             category="Referrals and Closing", topics=("referrals",), placement="closing", minutes=2),
    Question(id="r6", text="Which professional journals should I read?", category="Training and Preparation",
             interviewees=("academic",), stages=("experienced",), topics=("resources",), minutes=1),
]  # fmt: skip


@pytest.fixture
def reference(encoder):
    corpus = Corpus.from_questions(REFERENCE)
    return describe(corpus), encoder.encode([q.text for q in corpus])


def _impute(questions, encoder, reference):
    corpus = Corpus.from_questions(questions)
    return describe(corpus), impute(describe(corpus), encoder.encode([q.text for q in corpus]), *reference)


@pytest.mark.parametrize("twin", range(len(REFERENCE)))
def test_an_undescribed_twin_borrows_its_curated_copys_metadata(encoder, reference, twin):
    ref_meta, _ = reference
    _, meta = _impute([Question(id="u", text=REFERENCE[twin].text)], encoder, reference)
    for name in ("interviewees", "stages", "topics", "placement", "category", "sensitive", "minutes"):
        np.testing.assert_allclose(getattr(meta, name)[0], getattr(ref_meta, name)[twin], atol=1e-4, err_msg=name)
    assert meta.categories() == [REFERENCE[twin].category]
    assert not meta.described[0], "imputed metadata is not the question's own"


def test_described_questions_are_untouched(encoder, reference):
    questions = [
        Question(id="d", text="What salary range can an entry-level person expect?", topics=("advice",), minutes=5),
        Question(id="u", text="What salary range can an entry-level person expect?"),
    ]
    before, after = _impute(questions, encoder, reference)
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(after, name)[0], getattr(before, name)[0], err_msg=name)
    assert after.minutes[1] == pytest.approx(1.5, abs=1e-4), "the undescribed one still borrows"


def test_a_user_given_category_is_kept(encoder, reference):
    given = Question(id="u", text=REFERENCE[0].text, category="About the Organization")
    before, after = _impute([given], encoder, reference)
    np.testing.assert_array_equal(after.category[0], before.category[0])
    assert after.categories() == ["About the Organization"]
    np.testing.assert_allclose(after.placement[0], _row(PLACEMENTS, "opening"), atol=1e-4)


def test_a_user_given_sensitive_flag_is_kept(encoder, reference):
    _, after = _impute([Question(id="u", text=REFERENCE[0].text, sensitive=True)], encoder, reference)
    assert after.sensitive[0] == 1.0


def test_settings_stay_unrestricted(encoder, reference):
    _, after = _impute([Question(id="u", text=REFERENCE[0].text)], encoder, reference)
    np.testing.assert_array_equal(after.settings[0], np.ones(len(SETTINGS)))


def _brute_force_impute(vectors, ref_meta: QuestionMeta, ref_vectors, name):
    """One question at a time: the NEIGHBOURS most similar described references, softmax-weighted."""
    usable = [j for j in range(len(ref_vectors)) if ref_meta.described[j]]
    out = []
    for v in vectors:
        sims = sorted(((float(v @ ref_vectors[j]), j) for j in usable), reverse=True)[:NEIGHBOURS]
        weights = [np.exp((s - sims[0][0]) / TEMPERATURE) for s, _ in sims]
        out.append(sum(w * getattr(ref_meta, name)[j] for w, (_, j) in zip(weights, sims, strict=True)) / sum(weights))
    return np.array(out)


def test_imputation_matches_a_brute_force_neighbour_blend(encoder, reference):
    ref_meta, ref_vectors = reference
    # Chosen so that no two references tie for the last of the NEIGHBOURS places.
    texts = ["Is there a salary range for entry-level roles?", "How did you choose this path?",
             "What does a typical day look like for a new analyst?",
             "Which journals or resources would you suggest for someone entering the field?"]  # fmt: skip
    assert len(REFERENCE) > NEIGHBOURS
    vectors = encoder.encode(texts)
    meta = impute(describe(Corpus.from_questions(texts)), vectors, ref_meta, ref_vectors)
    for name in ("interviewees", "stages", "topics", "placement", "category", "minutes"):
        np.testing.assert_allclose(
            getattr(meta, name),
            _brute_force_impute(vectors, ref_meta, ref_vectors, name),
            atol=1e-6,
            err_msg=name,
        )
    np.testing.assert_allclose(meta.placement.sum(axis=1), 1.0)
    np.testing.assert_allclose(meta.category.sum(axis=1), 1.0)


def test_only_described_references_lend_metadata(encoder):
    ref = Corpus.from_questions(
        [REFERENCE[2], Question(id="plain", text="Could you describe a typical day in your job?")]
    )
    ref_meta, ref_vectors = describe(ref), encoder.encode([q.text for q in ref])
    twin = "Could you describe a typical day in your job?"
    meta = impute(describe(Corpus.from_questions([twin])), encoder.encode([twin]), ref_meta, ref_vectors)
    # Its undescribed twin lends nothing; the one described reference lends everything.
    np.testing.assert_allclose(meta.topics[0], _row(TOPICS, "salary"))
    assert meta.minutes[0] == pytest.approx(1.5)


def test_nothing_to_impute_returns_the_same_metadata(encoder, reference, small_corpus):
    ref_meta, ref_vectors = reference
    assert impute(ref_meta, ref_vectors, ref_meta, ref_vectors) is ref_meta
    meta = describe(small_corpus)
    vectors = encoder.encode([q.text for q in small_corpus])
    assert impute(meta, vectors, meta, vectors) is meta, "no described reference to borrow from"
