"""Fit the concern matcher on judged concern–question pairs, and choose its threshold by cross-validation.

    python benchmarks/train_concerns.py [--encoder static|minilm]

Data: ``data/concern_personas.jsonl`` (64 dev personas, 198 concerns, each an exact span of the goals) and two
judges' blind annotations of which bank questions address each concern (``data/concern_judgments/concerns_*``,
graded 2–3; consensus = the two grades' mean, missing = 0, rounded half up, at least 2), plus what two more
judges found addressing among the matchers' pooled candidates (``pooled_*``). The matcher is a logistic
regression over ``infoquest.matching.SIGNALS``; the threshold is chosen on persona-held-out predictions so
that "the best question clears it" means "the best question addresses the concern". First fits the corpus's
question classifier (one of the signals; ``infoquest.says_classifier``) on the corpus's own ``says`` and on the
training concerns (``data/concern_training.jsonl`` with ``concern_judgments/training_*``: other personas,
pooled and judged the same way, never the dev ones, so the matcher's cross-validation stays honest). Before
that, saves the training concerns with the questions judged to address them as more ``says`` for the matcher's
``says`` signals (``infoquest.judged_says``). Writes ``models/trained[/minilm]/{judged_says.npy,judged_says.json,
says_classifier.npy,says_classifier.json,concerns.json,concerns_general.json}`` and
``results/concern_matcher[_minilm].md``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from common import DATA, make_encoder, read_jsonl, trained_folder, write_report
from infoquest.heads import Lexicon, load_heads
from infoquest.index import get_index, says_owners
from infoquest.judged_says import JudgedSays
from infoquest.lexical import LexicalMatcher
from infoquest.matching import SIGNALS, ConcernMatcher, Says, signals
from infoquest.recommender import Recommender
from infoquest.says_classifier import SaysClassifier
from infoquest.trained import folder_for
from infoquest.vocab import TOPICS

FOLDS = 4
C = 1.0
#: The question classifier's regularisation, chosen on held-out ``says`` (never on the personas). Narrower than
#: the vectors-only classifier's grid (1 to 30, where 3 and 10 won): each fit with words takes 1.5 minutes.
CLASSIFIER_GRID = (3.0, 10.0)
HELD_OUT_SAYS = 2
#: Weights of one training concern against one ``says`` entry in the question classifier, chosen on held-out
#: training personas (never the dev personas). 0 and 10 never won with vectors alone.
CONCERN_WEIGHTS = (1.0, 3.0)
#: The words the question classifier reads besides the vectors: analyzer, n-grams, vocabulary size.
WORDS = ("word", (1, 1), 4000)
#: The share of its word weights kept (the largest in magnitude); the rest are zeroed so the shipped file
#: compresses to a few MB. The report gives held-out top-3 hits before and after.
WORDS_KEPT = 0.1
#: The signals that come from the question classifier (the concern's and its sentence's).
CLASSIFIED = ("says_class", "sentence_class")


def concern_personas() -> list[dict[str, Any]]:
    """The concern personas, each with its gold concerns (spans)."""
    return read_jsonl(DATA / "concern_personas.jsonl")


def judge_grades(pattern: str) -> dict[str, dict[tuple[str, int], dict[str, int]]]:
    """Each judge's grades per (persona, concern number) from the files ``pattern`` picks in
    ``data/concern_judgments/``. A judge's role may span several files and sessions (``pooled_A.jsonl`` and the
    second pooling round's ``pooled_A_2.jsonl`` are judge A's): the letter after the first ``_`` names it."""
    judges: dict[str, dict[tuple[str, int], dict[str, int]]] = {}
    for path in sorted((DATA / "concern_judgments").glob(pattern)):
        grades = judges.setdefault(path.stem.split("_")[1], {})
        for row in read_jsonl(path):
            grades.setdefault((row["persona"], int(row["n"])), {}).update(row["questions"])
    return judges


def addressing(min_grade: int = 2, pattern: str = "concerns_*.jsonl") -> dict[tuple[str, int], dict[str, int]]:
    """Consensus grades per (persona, concern number): question id -> grade, only those at ``min_grade`` or more.

    ``pattern`` picks the judges' files in ``data/concern_judgments/``: ``concerns_*`` (the dev personas'
    exhaustive lists), ``pooled_*`` (the same concerns' pooled candidates, graded later) or ``training_*`` (the
    training concerns' pooled candidates)."""
    judges = list(judge_grades(pattern).values())
    out: dict[tuple[str, int], dict[str, int]] = {}
    for key in {key for judge in judges for key in judge}:
        given = [judge.get(key, {}) for judge in judges]  # a judge who did not grade a question gave it 0
        qids = {qid for grades in given for qid in grades}
        consensus = {qid: int(sum(int(g.get(qid, 0)) for g in given) / len(given) + 0.5) for qid in qids}
        out[key] = {qid: g for qid, g in consensus.items() if g >= min_grade}
    return out


def dev_addressing() -> dict[tuple[str, int], dict[str, int]]:
    """The dev concerns' gold: the judges' exhaustive lists, plus the questions a second pair of judges found
    addressing among the matchers' pooled candidates (``pooled_*``; the original lists missed a few)."""
    gold = addressing()
    for key, found in addressing(pattern="pooled_*.jsonl").items():
        gold[key] = {**found, **gold.get(key, {})}
    return gold


def training_concerns() -> tuple[list[dict[str, Any]], dict[tuple[str, int], dict[str, int]]]:
    """The training concerns (``data/concern_training.jsonl``; never the dev personas) and their pooled gold."""
    return read_jsonl(DATA / "concern_training.jsonl"), addressing(pattern="training_*.jsonl")


def concern_examples(
    rec: Recommender, rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The training concerns as question-classifier examples: one (span, its vector, question) per question the
    judges found addressing, with each pair's persona (for held-out splits) and concern (for scoring them).
    Unanswerable concerns add nothing."""
    position = {q.id: i for i, q in enumerate(rec.corpus)}
    texts, owners, groups, concerns = [], [], [], []
    keys = [(group, row, n, c) for group, row in enumerate(rows) for n, c in enumerate(row["concerns"], start=1)]
    for number, (group, row, n, concern) in enumerate(keys):
        for qid in sorted(gold.get((row["id"], n), {})):
            if qid in position:
                texts.append(concern["span"])
                owners.append(position[qid])
                groups.append(group)
                concerns.append(number)
    vectors = rec.encoder.encode(texts) if texts else np.zeros((0, rec._state.vectors.shape[1]))
    return texts, vectors, *(np.asarray(column, dtype=int) for column in (owners, groups, concerns))


def judged_says(
    rec: Recommender, rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> JudgedSays:
    """The training concerns as more ``says``: each span once per bank question the judges' consensus found
    addressing it, embedded by ``rec``'s encoder."""
    known = {question.id for question in rec.corpus}
    texts, questions = [], []
    for row in rows:
        for n, concern in enumerate(row["concerns"], start=1):
            for qid in sorted(gold.get((row["id"], n), {})):
                if qid in known:
                    texts.append(concern["span"])
                    questions.append(qid)
    distinct = sorted(set(texts))
    vectors = rec.encoder.encode(distinct) if distinct else np.zeros((0, rec._state.vectors.shape[1]))
    row_of = {text: i for i, text in enumerate(distinct)}
    return JudgedSays(
        rec.encoder.model_id,
        rec.corpus.content_hash,
        tuple(texts),
        tuple(questions),
        np.asarray(vectors, dtype=np.float32)[[row_of[t] for t in texts]].reshape(len(texts), -1),
    )


def without_judged(rec: Recommender) -> Recommender:
    """``rec`` with only the corpus's own ``says``, as any corpus but the shipped one has (the general matcher
    is trained on these signals)."""
    index = get_index(rec.corpus, rec.encoder)
    plain = Recommender(corpus=rec.corpus, encoder=rec.encoder, trained=False)
    # The corpus state is a cached property: set it before first use, with the judged rows left out.
    plain.__dict__["_state"] = replace(
        rec._state,
        says=Says(index.says(), says_owners(rec.corpus)),
        says_lexical=LexicalMatcher([text for question in rec.corpus for text in question.says]),
    )
    return plain


def _features(vectors: np.ndarray, lexicon: Lexicon, texts: list[str]) -> Any:
    """The classifier's inputs: each text's vector, then its words (TF-IDF), as one sparse matrix."""
    return sparse.hstack([sparse.csr_matrix(vectors), lexicon.transform(texts)]).tocsr()


def _top_k_hits(model: LogisticRegression, x: Any, owners: np.ndarray, concerns: np.ndarray, k: int) -> float:
    """Share of held-out concerns whose ``k`` best classes hold one of their addressing questions."""
    logits = x @ model.coef_.T + model.intercept_
    best = model.classes_[np.argsort(-logits, axis=1)[:, :k]]
    hit = np.array([owner in row for owner, row in zip(owners, best, strict=True)])
    return float(np.mean([hit[concerns == c].any() for c in np.unique(concerns)])) if len(concerns) else 0.0


def fit_says_classifier(
    rec: Recommender, examples: tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]
) -> tuple[SaysClassifier, dict[str, Any]]:
    """The corpus's question classifier, fitted on every ``says`` entry and question text, and on the training
    concerns (``examples``, from ``concern_examples``: how real seekers put a need, which the corpus's ``says``
    only imitate), reading each text's vector and words (``WORDS``). Its ``C`` is the one that ranks held-out
    ``says`` best (``HELD_OUT_SAYS`` per question, seeded; top-5 accuracy); the training concerns' weight is the
    one that ranks held-out training personas' concerns best (a quarter of them, seeded; an addressing question
    in the top 3). Then all but the largest ``WORDS_KEPT`` of the word weights are zeroed. The dev concern
    personas stay out."""
    index = get_index(rec.corpus, rec.encoder)
    says, owners, questions = index.says(), says_owners(rec.corpus), index.vectors
    says_texts = [text for question in rec.corpus for text in question.says]
    question_texts = [question.text for question in rec.corpus]
    texts, vectors, targets, groups, concerns = examples
    # The vocabulary and idf come from every training text; only the labels are held out below.
    lexicon = Lexicon.fit([*says_texts, *question_texts, *texts], *WORDS)
    says_x, questions_x = _features(says, lexicon, says_texts), _features(questions, lexicon, question_texts)
    concerns_x = _features(vectors, lexicon, texts)
    n = len(rec.corpus)
    rng = np.random.default_rng(0)
    held = np.zeros(len(owners), dtype=bool)
    for j in range(n):
        entries = np.flatnonzero(owners == j)
        if len(entries) > HELD_OUT_SAYS:
            held[rng.choice(entries, HELD_OUT_SAYS, replace=False)] = True
    train_x = sparse.vstack([says_x[~held], questions_x])
    train_y = np.concatenate([owners[~held], np.arange(n)])
    top5 = {}
    for c in CLASSIFIER_GRID:
        model = LogisticRegression(C=c, max_iter=500).fit(train_x, train_y)
        logits = says_x[held] @ model.coef_.T + model.intercept_
        own = logits[np.arange(held.sum()), model.classes_.searchsorted(owners[held])]
        top5[c] = float(np.mean((logits > own[:, None]).sum(axis=1) < 5))
    chosen = max(CLASSIFIER_GRID, key=lambda c: top5[c])
    base_x, base_y = sparse.vstack([says_x, questions_x]), np.r_[owners, np.arange(n)]
    personas = np.unique(groups)
    test = np.isin(groups, rng.permutation(personas)[: max(1, len(personas) // 4)]) if len(personas) > 1 else None
    top3: dict[float, float] = {}
    pruned_top3 = 0.0
    if test is not None:
        for weight in CONCERN_WEIGHTS:
            model = LogisticRegression(C=chosen, max_iter=500).fit(
                sparse.vstack([base_x, concerns_x[~test]]),
                np.r_[base_y, targets[~test]],
                sample_weight=np.r_[np.ones(len(base_y)), np.full(int((~test).sum()), weight)],
            )
            top3[weight] = _top_k_hits(model, concerns_x[test], targets[test], concerns[test], 3)
            if weight == max(CONCERN_WEIGHTS, key=lambda w: top3.get(w, -1.0)):
                model.coef_[:, questions.shape[1] :] = _pruned(model.coef_[:, questions.shape[1] :])
                pruned_top3 = _top_k_hits(model, concerns_x[test], targets[test], concerns[test], 3)
    weight = max(CONCERN_WEIGHTS, key=lambda w: top3[w]) if top3 else 1.0
    model = LogisticRegression(C=chosen, max_iter=500).fit(
        sparse.vstack([base_x, concerns_x]),
        np.r_[base_y, targets],
        sample_weight=np.r_[np.ones(len(base_y)), np.full(len(targets), weight)],
    )
    # Every question is a class (each has its own text), so the rows are the corpus's questions in order.
    assert list(model.classes_) == list(range(n))
    dim = questions.shape[1]
    classifier = SaysClassifier(
        rec.encoder.model_id,
        rec.corpus.content_hash,
        model.coef_[:, :dim].astype(np.float32),
        model.intercept_.astype(np.float32),
        lexicon,
        _pruned(model.coef_[:, dim:]).T.astype(np.float16),
    )
    return classifier, {
        "C": chosen,
        "held_out_top5": top5,
        "held_out": int(held.sum()),
        "concern_weight": weight,
        "concern_weight_top3": top3,
        "pruned_top3": pruned_top3,
        "words": len(lexicon.vocabulary),
        "concern_examples": len(targets),
        "held_out_concern_personas": len(np.unique(groups[test])) if test is not None else 0,
    }


def _pruned(weights: np.ndarray) -> np.ndarray:
    """``weights`` with all but the largest ``WORDS_KEPT`` share (by magnitude) set to zero."""
    cut = np.quantile(np.abs(weights), 1.0 - WORDS_KEPT)
    return np.where(np.abs(weights) >= cut, weights, 0.0)


def _sentence_of(goals: str, span: str) -> str:
    start = goals.find(span)
    left = max(goals.rfind(mark, 0, start) for mark in ".!?\n") + 1
    rights = [i for i in (goals.find(mark, start + len(span)) for mark in ".!?\n") if i >= 0]
    return " ".join(goals[left : (min(rights) + 1 if rights else len(goals))].split())


def gold_signals(rec: Recommender, rows: list[dict[str, Any]]) -> tuple[list[np.ndarray], list[tuple[str, int]]]:
    """The matcher's signals for every gold concern against the whole bank, ``(n, len(SIGNALS))`` each."""
    state, encoder = rec._state, rec.encoder
    goals = load_heads("goals", folder_for(encoder.model_id))  # the matcher is what is being trained
    spans, sentences, keys = [], [], []
    for row in rows:
        for n, concern in enumerate(row["concerns"], start=1):
            spans.append(concern["span"])
            sentences.append(_sentence_of(row["goals"], concern["span"]))
            keys.append((row["id"], n))
    vectors = encoder.encode(spans)
    sentence_vectors = encoder.encode(sentences)
    needs = np.zeros((len(spans), len(TOPICS)))
    if goals:
        head = goals["needs"]
        probs = head.predict_proba(vectors, spans)
        for column, tag in enumerate(head.classes):
            needs[:, TOPICS.index(tag)] = probs[:, column]
    values = signals(
        vectors,
        sentence_vectors,
        state.vectors,
        state.lexical.similarities(spans),
        needs,
        state.meta.topics,
        state.says,
        state.says_lexical.similarities(spans),
        None if state.says_class is None else state.says_class.log_probabilities(vectors, spans),
        None if state.says_class is None else state.says_class.log_probabilities(sentence_vectors, sentences),
    )
    return list(values), keys


def labelled(
    rec: Recommender, rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> tuple[list[np.ndarray], list[np.ndarray], list[tuple[str, int]], dict[str, int]]:
    """Signals and 0/1 labels (addresses the concern) for every gold concern against the bank, and each
    persona's cross-validation fold (the same seeded split everywhere)."""
    position = {q.id: i for i, q in enumerate(rec.corpus)}
    values, keys = gold_signals(rec, rows)
    labels = [np.zeros(len(rec.corpus)) for _ in keys]
    for y, key in zip(labels, keys, strict=True):
        for qid in gold.get(key, {}):
            if qid in position:
                y[position[qid]] = 1.0
    personas = sorted({k[0] for k in keys})
    rng = np.random.default_rng(0)
    fold_of = dict(zip(personas, (int(f) for f in rng.permutation(len(personas)) % FOLDS), strict=True))
    return values, labels, keys, fold_of


def fit(xs: list[np.ndarray], ys: list[np.ndarray], model_id: str) -> ConcernMatcher:
    model = LogisticRegression(C=C, max_iter=5000).fit(np.vstack(xs), np.concatenate(ys))
    return ConcernMatcher(model_id=model_id, coef=model.coef_[0], intercept=float(model.intercept_[0]), threshold=0.5)


def choose_threshold(best_p: np.ndarray, best_ok: np.ndarray, answerable: np.ndarray) -> tuple[float, float]:
    """The threshold under which as many concerns fall as the judges found no bank question for, and how often
    "the best question clears it" then agrees with the judges (right when it clears and addresses the concern,
    or does not clear and nothing in the bank does).

    Not the threshold of best agreement: that curve is flat over a wide range (a few concerns in 200 apart) and
    its maximum wandered from 0.08 to 0.25 between retrainings, while every step up trades a bank question
    for a written one. Matching the judged base rate of unanswerable concerns is stable and says what it means.
    """
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    share = float(np.mean(~answerable))
    i = int(np.argmax([np.mean(best_p < t) >= share for t in grid]))
    return float(grid[i]), float(np.mean(np.where(best_p >= grid[i], best_ok, ~answerable)))


def held_out_hits(
    values: list[np.ndarray],
    labels: list[np.ndarray],
    keys: list[tuple[str, int]],
    fold_of: dict[str, int],
    columns: list[int],
    depth: int,
) -> float:
    """Share of answerable concerns whose ``depth`` best-scored questions (matcher on ``columns`` only, trained on
    the other folds' personas) hold one that addresses them."""
    hits: list[bool] = []
    for fold in range(FOLDS):
        train = [i for i, k in enumerate(keys) if fold_of[k[0]] != fold]
        matcher = fit([values[i][:, columns] for i in train], [labels[i] for i in train], "cv")
        for i, k in enumerate(keys):
            if fold_of[k[0]] == fold and labels[i].any():
                scores = values[i][:, columns] @ matcher.coef
                hits.append(bool(labels[i][np.argsort(-scores)[:depth]].any()))
    return float(np.mean(hits))


def train_matcher(
    values: list[np.ndarray],
    labels: list[np.ndarray],
    keys: list[tuple[str, int]],
    fold_of: dict[str, int],
    model_id: str,
) -> tuple[ConcernMatcher, np.ndarray, np.ndarray]:
    """The matcher on every concern, its threshold chosen on persona-held-out predictions; also whether each
    concern's held-out best question cleared it, and which concerns are answerable."""
    best_p, best_ok = np.zeros(len(keys)), np.zeros(len(keys), dtype=bool)
    for fold in range(FOLDS):
        train = [i for i, k in enumerate(keys) if fold_of[k[0]] != fold]
        test = [i for i, k in enumerate(keys) if fold_of[k[0]] == fold]
        matcher = fit([values[i] for i in train], [labels[i] for i in train], model_id)
        for i in test:
            p = matcher.probabilities(values[i][None])[0]
            best_p[i], best_ok[i] = p.max(), bool(labels[i][int(p.argmax())])
    answerable = np.array([y.any() for y in labels])
    threshold, accuracy = choose_threshold(best_p, best_ok, answerable)
    cleared = best_p >= threshold
    final = fit(values, labels, model_id)
    info = {
        "data": "benchmarks/data/concern_personas.jsonl + concern_judgments (consensus >= 2)",
        "concerns": len(keys),
        "answerable": int(answerable.sum()),
        "cv_folds": FOLDS,
        "cv_decision_accuracy": round(accuracy, 4),
        "cv_precision_when_cleared": round(float(best_ok[cleared].mean()) if cleared.any() else 0.0, 4),
        "cv_share_cleared_of_answerable": round(float((cleared & answerable).sum() / max(1, answerable.sum())), 4),
    }
    return ConcernMatcher(model_id, final.coef, final.intercept, threshold, info), cleared, answerable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", default="static", choices=["static", "minilm"])
    args = parser.parse_args()
    rows = concern_personas()
    gold = dev_addressing()
    encoder = make_encoder(args.encoder)  # loaded once, shared by both recommenders below
    folder = trained_folder(encoder)
    untrained = Recommender(encoder=encoder, trained=False)
    train_rows, train_gold = training_concerns()
    judged = judged_says(untrained, train_rows, train_gold)
    judged.save(folder)
    classifier, fitted = fit_says_classifier(untrained, concern_examples(untrained, train_rows, train_gold))
    classifier.save(folder)
    rec = Recommender(encoder=encoder, trained=False)  # a new one: its corpus state reads both files
    values, labels, keys, fold_of = labelled(rec, rows, gold)
    personas = sorted(fold_of)
    # The general matcher, for corpora other than the shipped one, sees no classifier (its signals are zero) and
    # no judged says.
    columns = np.isin(np.arange(len(SIGNALS)), [SIGNALS.index(name) for name in CLASSIFIED])
    plain_values, _, _, _ = labelled(without_judged(rec), rows, gold)
    unclassed = [np.where(columns, 0.0, v) for v in plain_values]
    general, _, _ = train_matcher(unclassed, labels, keys, fold_of, rec.encoder.model_id)
    final, cleared, answerable = train_matcher(values, labels, keys, fold_of, rec.encoder.model_id)
    info = final.info
    threshold, accuracy = final.threshold, info["cv_decision_accuracy"]
    for name, matcher in (("concerns.json", final), ("concerns_general.json", general)):
        (folder / name).write_text(json.dumps(matcher.to_dict(), indent=1) + "\n", encoding="utf-8")
    report = [
        "# Concern matcher\n",
        f"Command: `python benchmarks/train_concerns.py --encoder {args.encoder}`\n",
        f"{len(keys)} concerns of {len(personas)} personas; {int(answerable.sum())} have at least one bank question "
        "that both judges' consensus says addresses them. Persona-held-out predictions "
        f"({FOLDS} folds):\n",
        "| measure | value |",
        "| --- | --- |",
        f"| threshold chosen | {threshold:.2f} |",
        f"| the decision 'best question clears the threshold' agrees with the judges | {accuracy:.3f} |",
        "| when the best question clears it, it addresses the concern (precision) | "
        f"{info['cv_precision_when_cleared']:.3f} |",
        f"| answerable concerns whose best question clears it | {info['cv_share_cleared_of_answerable']:.3f} |",
        f"| unanswerable concerns correctly left for a written question | "
        f"{float((~cleared & ~answerable).sum() / max(1, (~answerable).sum())):.3f} |",
        "",
        "Weights (signals: " + ", ".join(f"{s} {w:+.2f}" for s, w in zip(SIGNALS, final.coef, strict=True)) + ").",
        "",
        "`says_class` and `sentence_class` are the corpus's question classifier (`says_classifier*`) read on the "
        "concern and on its sentence: a logistic regression from a "
        f"text to the question whose need it states, fitted on the {len(says_owners(rec.corpus))} `says` entries, "
        f"the questions' texts and {fitted['concern_examples']} (concern, addressing question) pairs of "
        f"{len(train_rows)} training personas (`data/concern_training.jsonl`, never the dev personas above). "
        f"Its C = {fitted['C']:g} was chosen on {fitted['held_out']} held-out `says` entries (top-5 accuracy "
        + ", ".join(f"C {c:g}: {v:.3f}" for c, v in fitted["held_out_top5"].items())
        + f"); the training concerns' weight = {fitted['concern_weight']:g} (against 1 for a `says` entry) on the "
        f"concerns of {fitted['held_out_concern_personas']} held-out training personas (an addressing question "
        "in the best 3: "
        + ", ".join(f"weight {w:g}: {v:.3f}" for w, v in fitted["concern_weight_top3"].items())
        + f"), never on the dev personas. Besides the vectors it reads the texts' words ({fitted['words']} words, "
        "TF-IDF); all but the largest "
        f"{WORDS_KEPT:.0%} of its word weights are zeroed so the file stays small (best-3 hits on those held-out "
        f"concerns {max(fitted['concern_weight_top3'].values(), default=0.0):.3f} before, "
        f"{fitted['pruned_top3']:.3f} after). A corpus other than the shipped one has no classifier and uses the "
        f"matcher trained without it (`concerns_general.json`, threshold {general.threshold:.2f}).",
        "",
        f"The `says` signals also read {len(judged.texts)} judged says (`judged_says*`): the training concerns' "
        f"spans ({len(set(judged.texts))} distinct), each once per question the judges' consensus found addressing "
        "it, embedded by this encoder. A corpus other than the shipped one has none.",
        "",
        "How often the best-scored questions for an answerable concern hold one that addresses it, persona-held-out,"
        " with every signal, without the judged says, without the question classifier, and without the questions'"
        " `says` (the corpus field: how seekers put each need):",
        "",
        "| signals | best question addresses it | one of the best 3 does |",
        "| --- | --- | --- |",
    ]
    every = list(range(len(SIGNALS)))
    unclassified = [n for n, name in enumerate(SIGNALS) if name not in CLASSIFIED]
    without = [n for n, name in enumerate(SIGNALS) if not name.startswith("says") and name not in CLASSIFIED]
    for name, table, columns in (
        ("all", values, every),
        ("all, without the judged says", plain_values, every),
        (
            "without the question classifier or the judged says (the matcher for other corpora)",
            plain_values,
            unclassified,
        ),
        ("without `says` at all", values, without),
    ):
        report.append(
            f"| {name} | {held_out_hits(table, labels, keys, fold_of, columns, 1):.3f} | "
            f"{held_out_hits(table, labels, keys, fold_of, columns, 3):.3f} |"
        )
    report.append("")
    suffix = "" if args.encoder == "static" else f"_{args.encoder}"
    write_report(f"concern_matcher{suffix}.md", report)


if __name__ == "__main__":
    main()
