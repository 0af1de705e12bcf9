"""Text renderings of results for people (table, Markdown) and apps (JSON): what the CLI prints.

Every rendering passes through :mod:`infoquest.sanitise` on its way out: questions, goals, ids and paths
come from users and files, and their control and bidi characters are shown as escapes, never sent raw.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from infoquest.corpus import Corpus
from infoquest.recommendation import Recommendation
from infoquest.sanitise import for_json, for_terminal, one_line

if TYPE_CHECKING:
    from infoquest.etiquette import EtiquetteVerdict
    from infoquest.plan import InterviewPlan
    from infoquest.recommender import ProfileInsight
    from infoquest.validation import CorpusStats, ValidationReport


def to_json(data: Any) -> str:
    """Stable, indented JSON; control, bidi and surrogate characters escaped as ``\\uXXXX``."""
    return for_json(json.dumps(data, indent=2, ensure_ascii=False))


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


ASKING_ORDER_NOTE = "Listed in the order to ask them; relevance (higher fits you better) is shown for each."


def recommendations_table(recs: Sequence[Recommendation]) -> str:
    """Numbered questions, each with its category and reasons underneath."""
    width = _width()
    # Asking order is not relevance order (job search first, the organisation last): say so, or a higher
    # relevance under a later number reads as a bug.
    lines = [ASKING_ORDER_NOTE, ""] if recs else []
    for rec in recs:
        head = f"{rec.rank:>2}. {rec.question.text}"
        lines.append(textwrap.fill(head, width, subsequent_indent="    "))
        lines.append(f"    [{rec.question.category}] relevance {rec.score:.2f}  id {rec.question.id}")
        for reason in rec.reasons:
            lines.append(textwrap.fill(f"- {reason}", width, initial_indent="    ", subsequent_indent="      "))
        lines.append("")
    return for_terminal("\n".join(lines).rstrip())


def recommendations_markdown(
    recs: Sequence[Recommendation], title: str = "Questions for your informational interview"
) -> str:
    """A Markdown list of the questions with reasons, ready to print."""
    lines = [f"# {title}", ""]
    for rec in recs:
        lines.append(f"{rec.rank}. **{rec.question.text}**  ")
        lines.append(f"   _{rec.question.category}_")
        for reason in rec.reasons:
            lines.append(f"   - {reason}")
        lines.append("")
    return for_terminal("\n".join(lines).rstrip() + "\n")


def render_recommendations(recs: Sequence[Recommendation], fmt: str, insight: ProfileInsight | None = None) -> str:
    """``table``, ``json`` (a list of flat objects; with ``insight``, an object with both) or ``markdown``."""
    if fmt == "json":
        items = [rec.to_dict() for rec in recs]
        if insight is None:
            return to_json(items)
        return to_json({"profile": insight.model_dump(mode="json"), "questions": items})
    body = recommendations_markdown(recs) if fmt == "markdown" else recommendations_table(recs)
    return for_terminal(body if insight is None else f"{render_insight(insight)}\n\n{body}")


def render_insight(insight: ProfileInsight) -> str:
    """What was inferred about the seeker and the interviewee, in a few lines."""
    seeker, who = insight.seeker, insight.interviewee
    stage = seeker.stage or "unknown"
    needs = ", ".join(tag for tag, p in seeker.needs.items() if p >= 0.5) or "none detected"
    if who.kind and who.source == "inferred":
        kind = f"{who.kind} (inferred, {who.confidence:.0%} sure)"
    elif who.kind:
        kind = f"{who.kind} ({who.source})"
    else:
        kind = "unsure: every kind alike" if who.source == "inferred" else "unknown"
    lines = [
        f"You: {stage} ({seeker.source}); needs: {needs}",
        f"Interviewee: {kind}; relationship: {who.relationship}; setting: {who.setting or 'unknown'}"
        f"; retired: {'yes' if who.retired else 'no'}; hires: {'yes' if who.hires else 'no'}",
    ]
    for concern in insight.concerns:
        if concern.question_id and concern.written:
            answer = f"answered by {concern.question_id}, unsurely; also written: {concern.written}"
        elif concern.question_id:
            answer = f"answered by {concern.question_id}"
        elif concern.written:
            answer = f"no question in the bank; written: {concern.written}"
        elif concern.kind in ("goal", "statement"):
            answer = "read as background: it shapes the ranking, no one question answers it"
        else:
            answer = "no question in the bank answers it"
        lines.append(f'Concern ({concern.kind}): "{concern.text}" - {answer}')
    lines += [
        "Correct these with --stage and --interviewee-kind.",
        *(f"Note: {warning}" for warning in insight.warnings),
    ]
    return for_terminal("\n".join(lines))


def render_corpus(corpus: Corpus, fmt: str) -> str:
    """The questions of a corpus as a table or JSON."""
    if fmt == "json":
        return to_json([q.model_dump(mode="json") for q in corpus])
    return rows_table([(q.id, q.category, q.text) for q in corpus], ("id", "category", "text"))


def render_report(report: ValidationReport, fmt: str) -> str:
    """A validation report: one line per problem, then a summary."""
    if fmt == "json":
        return to_json(report.model_dump(mode="json"))
    path = one_line(report.path, limit=200)
    lines = [one_line(f"{path}:{problem}") for problem in report.problems]
    verdict = "OK" if report.ok else f"{len(report.errors)} problem(s)"
    if report.warnings:
        verdict += f", {len(report.warnings)} warning(s)"
    lines.append(f"{report.questions} questions checked: {verdict}")
    return "\n".join(lines)


def render_stats(stats: CorpusStats, fmt: str) -> str:
    """Corpus counts by category, interviewee, stage, placement and premise."""
    if fmt == "json":
        return to_json(stats.model_dump(mode="json"))
    parts = [
        f"{stats.questions} questions, {stats.sensitive} sensitive, {stats.restricted} restricted to a setting or "
        f"field; {stats.retired} retired"
    ]
    for title, counts in (
        ("category", stats.by_category),
        ("interviewee", stats.by_interviewee),
        ("stage", stats.by_stage),
        ("placement", stats.by_placement),
        ("requires", stats.by_requires),
    ):
        parts.append(rows_table(sorted(counts.items(), key=lambda kv: -kv[1]), (title, "questions")))
    return "\n\n".join(parts)


def rows_table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """A plain aligned text table; a cell never breaks its row (newlines and controls are escaped)."""
    cells = [[one_line(str(h)) for h in headers], *[[one_line(str(c)) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    out = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def render_plan(plan: InterviewPlan, fmt: str) -> str:
    """An interview plan as Markdown (to print), plain text, or JSON (for apps)."""
    if fmt == "json":
        return to_json(plan.model_dump(mode="json"))
    return for_terminal(plan.to_text() if fmt == "text" else plan.to_markdown())


def render_verdicts(verdicts: Sequence[EtiquetteVerdict], fmt: str) -> str:
    """Etiquette verdicts: one block per question, or JSON."""
    if fmt == "json":
        return to_json([v.model_dump(mode="json") for v in verdicts])
    lines = []
    for v in verdicts:
        mark = "ASKS FOR A JOB" if v.asks_for_job else "ok"
        lines.append(f"[{mark}] {one_line(v.text)}  (confidence {v.confidence:.2f})")
        if v.suggestion:
            lines.append(f"    try instead: {one_line(v.suggestion)}")
    return "\n".join(lines)


def read_lines(path: str) -> list[str]:
    """Non-blank lines of a small text file (questions to check or add), any common encoding."""
    from infoquest.resume import read_resume

    return [line.strip() for line in read_resume(path).text.splitlines() if line.strip()]
