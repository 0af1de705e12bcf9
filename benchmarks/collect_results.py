"""Copy every result file into benchmarks/README.md, below its hand-written head, so the README cannot drift.

python benchmarks/collect_results.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
#: (section title, result file), in the README's order.
SECTIONS = (
    ("Concern coverage", "concerns.md"),
    ("Concern coverage on held-out seekers", "heldout.md"),
    ("Concern reader", "reader.md"),
    ("Ranking quality, MiniLM (the default with the transformers extra)", "evaluation.md"),
    ("Ranking quality, static encoder", "evaluation_static.md"),
    ("Concern matcher, MiniLM", "concern_matcher_minilm.md"),
    ("Concern matcher, static", "concern_matcher.md"),
    ("Written questions", "written.md"),
    ("Classifiers (heads), MiniLM", "heads.md"),
    ("Classifiers (heads), static", "heads_static.md"),
    ("Etiquette guard, MiniLM", "guard.md"),
    ("Etiquette guard, static", "guard_static.md"),
    ("Etiquette guard experiment: fine-tuned MiniLM (not shipped)", "guard_tuned.md"),
    ("Speed", "speed.md"),
    ("Batch throughput", "batch.md"),
    ("Load on the HTTP server", "load.md"),
    ("The test command on a fresh clone", "suite_time.md"),
    ("Near-duplicate detector", "near_duplicates.md"),
    ("External: ClariQ question-bank ranking", "clariq.md"),
)
MARKER = "<!-- results below: written by benchmarks/collect_results.py -->"


def main() -> None:
    readme = HERE / "README.md"
    head = readme.read_text(encoding="utf-8").split(MARKER)[0].rstrip() + "\n\n" + MARKER + "\n"
    parts = [head]
    for title, name in SECTIONS:
        lines = (HERE / "results" / name).read_text(encoding="utf-8").strip().splitlines()
        if lines and lines[0].startswith("# "):
            lines = lines[1:]
        # The result files' own headings sit one level below the section's.
        body = "\n".join(f"#{line}" if line.startswith("#") else line for line in lines).strip()
        parts.append(f"\n## {title}\n\n{body}\n")
    readme.write_text("".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
