"""Where the near-duplicate threshold comes from: light rewordings versus the corpus's closest distinct pairs.

    python benchmarks/near_duplicates.py

Writes benchmarks/results/near_duplicates.md. ``infoquest.selection.NEAR_DUPLICATE`` (used by
``recommend()`` and ``infoquest corpus validate``) should sit above the closest pairs of genuinely
different curated questions and below most light rewordings.
"""

from __future__ import annotations

import numpy as np

from common import RESULTS
from infoquest.corpus import default_corpus
from infoquest.encoders import MiniLMEncoder
from infoquest.selection import NEAR_DUPLICATE

#: Light rewordings of guide questions: the same question said slightly differently.
REWORDINGS = [
    ("How did you decide to pursue this path?", "How did you decide to pursue this career path?"),
    ("What do you find most enjoyable?", "What do you find most enjoyable about your job?"),
    ("Could you describe a typical day?", "Can you describe a typical day for me?"),
    ("How competitive is this field?", "How competitive is your field right now?"),
    ("What are your responsibilities?", "What are your main responsibilities?"),
    ("How are promotions handled?", "How are promotions decided?"),
    (
        "What professional journals and organizations should I tap into?",
        "Which professional journals and associations should I follow?",
    ),
    ("Why do people leave this field or company?", "Why do people leave this field?"),
]


def main() -> None:
    encoder = MiniLMEncoder()
    lines = [
        "# Near-duplicate threshold",
        "",
        "Command: `python benchmarks/near_duplicates.py`",
        "",
        f"Threshold in use: **{NEAR_DUPLICATE}** (cosine, all-MiniLM-L6-v2).",
        "",
        "## Light rewordings (should be caught)",
        "",
        "| cosine | question | rewording |",
        "| --- | --- | --- |",
    ]
    caught = 0
    for a, b in REWORDINGS:
        v = encoder.encode([a, b])
        sim = float(v[0] @ v[1])
        caught += sim >= NEAR_DUPLICATE
        lines.append(f"| {sim:.3f} | {a} | {b} |")
    corpus = default_corpus()
    vectors = encoder.encode([q.text for q in corpus])
    sims = vectors @ vectors.T
    upper = np.triu_indices(len(corpus), 1)
    order = np.argsort(-sims[upper])[:10]
    lines += [
        "",
        f"{caught} of {len(REWORDINGS)} rewordings are at or above the threshold.",
        "",
        "## Closest pairs in the curated corpus (distinct questions; should not be caught)",
        "",
        "| cosine | question | question |",
        "| --- | --- | --- |",
    ]
    for k in order:
        i, j = upper[0][k], upper[1][k]
        lines.append(f"| {sims[i, j]:.3f} | {corpus[i].id}: {corpus[i].text} | {corpus[j].id}: {corpus[j].text} |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "near_duplicates.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
