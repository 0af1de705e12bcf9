"""The ``infoquest`` command: parses options, calls one library function, formats the result."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from infoquest._version import __version__
from infoquest.errors import InfoquestError
from infoquest.sanitise import one_line
from infoquest.vocab import KINDS, STAGES

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = """\b
Examples (the files are in the source checkout's examples/ folder):
  infoquest suggest --resume examples/resumes/daniel_okafor_two_column.pdf \\
      --goals "Move from teaching into UX research" \\
      --role "UX research manager at a health-tech startup"
  infoquest suggest --resume - --goals "Return to accounting after a career break" \\
      --format json < examples/resumes/grace_kim_returning.md
  infoquest plan --resume examples/resumes/luis_ortega.docx --goals "Move into journalism" \\
      --role "retired newspaper editor" --minutes 20
  infoquest check "Are you hiring?" "How do people in your field hear about openings?"
  infoquest corpus validate --fast
  infoquest batch examples/profiles.jsonl -k 5

Exit status: 0 success; 1 bad input or a failed check (one line on stderr); 2 usage error."""


def _library_errors(func: F) -> F:
    """Turn the library's own exceptions into one-line Click errors (exit status 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InfoquestError as exc:
            # Messages quote paths, ids and entries: control characters must not reach the terminal.
            raise click.ClickException(one_line(str(exc))) from None

    return wrapper  # type: ignore[return-value]


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    """``--format``, defined once for every command that prints results."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def k_option(help_text: str) -> Callable[[F], F]:
    """``-k``: how many questions (1 to 100, default 10)."""
    return click.option(
        "-k", "k", metavar="K", type=click.IntRange(1, 100), default=10, show_default=True, help=help_text
    )


def profile_options(func: F) -> F:
    """The options that describe a job seeker and their interviewee."""
    decorators = [
        click.option(
            "--resume",
            "resume",
            metavar="FILE",
            help="Your résumé (optional): .pdf, .docx, .odt, .json (JSON Resume), .md or .txt, "
            "or - for standard input.",
        ),
        click.option("--goals", default="", help="Your goals, in your own words (up to 5,000 characters; English)."),
        click.option("--goals-file", type=click.Path(dir_okay=False), help="Read your goals from a text file."),
        click.option(
            "--role",
            default="",
            help='Who you will talk to (optional, up to 500 characters), e.g. "retired newspaper editor".',
        ),
        click.option("--stage", type=click.Choice(STAGES), help="Your stage, if infoquest guesses it wrong."),
        click.option(
            "--interviewee-kind",
            type=click.Choice(KINDS),
            help="The interviewee's kind, if infoquest guesses it wrong.",
        ),
        click.option(
            "--met-before",
            is_flag=True,
            help="You have spoken with this person before (follow-up questions then fit).",
        ),
        click.option(
            "--corpus",
            "corpus_path",
            type=click.Path(dir_okay=False),
            help="Your own question corpus (.jsonl); default: the curated one.",
        ),
        click.option(
            "--encoder",
            type=click.Choice(["auto", "static", "minilm"]),
            default=None,
            help="Embedding model: minilm (best at your concerns; needs the transformers extra), static "
            "(no torch, fast), auto (default: minilm when installed).",
        ),
    ]

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        # The options travel as one value; the command reads the files inside its error handling.
        names = (
            "resume", "goals", "goals_file", "role", "stage", "interviewee_kind", "met_before", "corpus_path", "encoder"
        )  # fmt: skip
        return func(inputs=ProfileInputs(**{name: kwargs.pop(name) for name in names}), **kwargs)

    command: F = wrapper  # type: ignore[assignment]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@dataclass(frozen=True)
class ProfileInputs:
    """The profile options as given on the command line."""

    resume: str | None
    goals: str
    goals_file: str | None
    role: str
    stage: str | None
    interviewee_kind: str | None
    met_before: bool
    corpus_path: str | None
    encoder: str | None

    def profile(self) -> Any:
        """Read the résumé (and goals file) into a ``Profile``."""
        from infoquest.profile import Profile

        return Profile.from_files(
            resume=self.resume,
            goals=self.goals,
            role=self.role,
            goals_file=self.goals_file,
            stage=self.stage,
            interviewee=self.interviewee_kind,
            met_before=self.met_before,
        )

    def recommender(self) -> Any:
        """The recommender for the chosen corpus and encoder."""
        if self.encoder is None:
            return _recommender(self.corpus_path)
        return _recommender(self.corpus_path, self.encoder)


def _recommender(corpus_path: str | None, encoder: str | None = None) -> Any:
    from infoquest.recommender import Recommender

    return Recommender(corpus=corpus_path, encoder=encoder)


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="infoquest")
def cli() -> None:
    """Questions for informational interviews that fit your goals, your résumé and who you will talk to.

    Never ask for a job: ask for information, advice and referrals.
    """
    # The command line is its own host process: its stderr is for its own messages, so the transformer
    # libraries' progress bars and notices are turned off here (the library never touches the environment).
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def _warn(profile: Any) -> None:
    """Say on stderr, one line each, what the profile lacks or what infoquest cannot read in it."""
    from infoquest.notices import profile_warnings

    for warning in profile_warnings(profile):
        click.echo(f"Warning: {warning}", err=True)


@cli.command(short_help="Recommend questions with the reason for each.")
@profile_options
@k_option("How many questions, 1 to 100.")
@click.option("--explain", is_flag=True, help="Also show what infoquest inferred about you and your interviewee.")
@format_option("table", "json", "markdown")
@_library_errors
def suggest(inputs: ProfileInputs, k: int, explain: bool, fmt: str) -> None:
    """Recommend K questions (1 to 100) with the reasons for each, in the order to ask them.

    Give your goals, your résumé, or both; the role of the person you will talk to makes the questions fit
    them. Résumé formats: .pdf, .docx, .odt, .json (JSON Resume), .md, .txt, or - for standard input.

    \b
    Example:
      infoquest suggest --resume examples/resumes/maya_chen_student.pdf \\
          --goals "Find a summer nursing internship" --role "alum, 3 yrs into pediatric nursing"
    """
    from infoquest.render import render_recommendations

    profile = inputs.profile()
    _warn(profile)
    rec = inputs.recommender()
    recs = rec.recommend(profile, k=k)
    insight = rec.explain_profile(profile) if explain else None
    click.echo(render_recommendations(recs, fmt, insight))


@cli.command(short_help="Build a timed interview plan with a checklist.")
@profile_options
@click.option(
    "--minutes",
    type=int,
    default=25,
    show_default=True,
    help="Length of the meeting, 10-60 (the guide: keep it to 20-30).",
)
@click.option("--add", "extra", multiple=True, metavar="QUESTION", help="A question of your own (repeatable).")
@click.option("--add-file", type=click.Path(dir_okay=False), help="Your own questions, one per line.")
@format_option("markdown", "json", "text", default="markdown")
@_library_errors
def plan(inputs: ProfileInputs, minutes: int, extra: tuple[str, ...], add_file: str | None, fmt: str) -> None:
    """Build a timed interview plan in the guide's order: a short question about their path, your job
    search, the core, careful questions late, referrals to close. The times add up to --minutes.

    \b
    Example:
      infoquest plan --resume examples/resumes/grace_kim_returning.md \\
          --goals "Return to accounting after four years caring for family" \\
          --role "friend of my mom, controller at a regional bank" --minutes 20
    """
    from infoquest.render import read_lines, render_plan

    profile = inputs.profile()
    _warn(profile)
    questions = [*extra, *(read_lines(add_file) if add_file else [])]
    click.echo(render_plan(inputs.recommender().plan(profile, minutes=minutes, extra=questions), fmt))


@cli.command(short_help="Check that questions do not ask for a job.")
@click.argument("questions", nargs=-1)
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Questions to check, one per line.")
@format_option("table", "json")
@_library_errors
def check(questions: tuple[str, ...], file: str | None, fmt: str) -> None:
    """Check that QUESTIONS do not ask for a job (the guide's first rule).

    Exits with status 1 when any question asks for a job, so scripts can use it.

    \b
    Example:
      infoquest check "Are you hiring?" "How do people in your field hear about openings?"
    """
    from infoquest.etiquette import check_questions
    from infoquest.render import read_lines, render_verdicts

    texts = [*questions, *(read_lines(file) if file else [])]
    if not texts:
        raise click.UsageError("give questions as arguments or with --file")
    verdicts = check_questions(texts)
    click.echo(render_verdicts(verdicts, fmt))
    if any(v.asks_for_job for v in verdicts):
        sys.exit(1)


@cli.command(short_help="Recommend questions for every profile in a JSON Lines or CSV file.")
@click.argument("file", metavar="FILE")
@click.option("--output", "-o", "output", metavar="OUT", help="Write the results to OUT (default: standard output).")
@k_option("How many questions per profile, 1 to 100.")
@format_option("jsonl", default="jsonl")
@click.option(
    "--input-format",
    type=click.Choice(("jsonl", "csv")),
    help="The input's format (default: from FILE's extension: .jsonl, .json, .csv; JSON Lines for -).",
)
@click.option(
    "--encoder",
    type=click.Choice(("auto", "static", "minilm")),
    default="auto",
    show_default=True,
    help="The embedding model: static is fastest; auto is MiniLM when installed, else static.",
)
@click.option("--progress", is_flag=True, help="Count profiles on stderr even when it is not a terminal.")
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes answering side by side, each with its own model; one per core is fastest.",
)
@_library_errors
def batch(
    file: str,
    output: str | None,
    k: int,
    fmt: str,
    input_format: str | None,
    encoder: str,
    progress: bool,
    workers: int,
) -> None:
    """Recommend K questions for every profile in FILE (JSON Lines or CSV; - for standard input), writing one
    JSON line per profile: {"line", "id", "questions"} or, for a profile that cannot be used, {"line", "id",
    "error"}. Bad profiles do not stop the rest; a summary goes to stderr.

    Fields: id (optional), goals, role, resume (text) or resume_path (a résumé file, relative to FILE's
    folder), stage, interviewee, met_before. A CSV file names them in its header row.

    \b
    Example:
      infoquest batch examples/profiles.csv -k 3 --encoder static
      infoquest batch examples/profiles.jsonl -k 5 --workers 2
    """
    from infoquest.batch import recommend_file, write_results

    del fmt  # JSON Lines is the one output format
    # Binary streams: JSON Lines is UTF-8 whatever the locale.
    stdin, stdout = getattr(sys.stdin, "buffer", None), getattr(sys.stdout, "buffer", sys.stdout)
    recommender = _recommender(None, encoder)
    results = recommend_file(file, recommender, k=k, input_format=input_format, stdin=stdin, workers=workers)
    counter = _Counter() if progress or sys.stderr.isatty() else None
    try:
        summary = write_results(results, output or stdout, progress=counter)
    finally:
        if counter is not None:
            counter.clear()
    click.echo(str(summary), err=True)


class _Counter:
    """The running count of a batch on one line of stderr, redrawn at most four times a second."""

    def __init__(self) -> None:
        self.start = self.drawn = time.monotonic()
        self.width = 0

    def __call__(self, summary: Any) -> None:
        now = time.monotonic()
        if now - self.drawn >= 0.25:
            text = f"{summary} ({summary.total / (now - self.start):,.0f}/s)"
            click.echo(f"\r{text:<{self.width}}", err=True, nl=False)
            self.drawn, self.width = now, len(text)

    def clear(self) -> None:
        if self.width:
            click.echo(f"\r{'':<{self.width}}\r", err=True, nl=False)


@cli.group(short_help="List, validate and count the question corpus.")
def corpus() -> None:
    """List, validate and count the question corpus."""


@corpus.command("list")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@format_option("table", "json")
@_library_errors
def corpus_list(file: str | None, fmt: str) -> None:
    """List the questions of FILE (default: the curated corpus)."""
    from infoquest.corpus import default_corpus, load_corpus
    from infoquest.render import render_corpus

    click.echo(render_corpus(load_corpus(file) if file else default_corpus(), fmt))


@corpus.command("validate")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--fast", is_flag=True, help="Skip the checks that need the model (near-duplicates, job requests).")
@format_option("table", "json")
@_library_errors
def corpus_validate(file: str | None, fast: bool, fmt: str) -> None:
    """Check FILE (default: the curated corpus) and report every problem with its line and id.

    Near-duplicates are judged by cosine at the threshold chosen for the encoder; reviewed pairs listed in
    near_pairs_allowed.jsonl next to FILE are not reported. Warnings (two questions in one, more than 25
    words) are shown but do not fail. Exits with status 1 when any error is found.
    """
    from infoquest import _paths
    from infoquest.render import render_report
    from infoquest.validation import validate_corpus_file

    report = validate_corpus_file(file or _paths.data_file("questions.jsonl"), semantic=not fast)
    click.echo(render_report(report, fmt))
    if not report.ok:
        sys.exit(1)


@corpus.command("stats")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@format_option("table", "json")
@_library_errors
def corpus_stats(file: str | None, fmt: str) -> None:
    """Count questions by category, interviewee kind, seeker stage, placement and premise, and the retired."""
    from infoquest.render import render_stats
    from infoquest.validation import corpus_file_stats

    click.echo(render_stats(corpus_file_stats(file), fmt))


@cli.group(short_help="Manage the cached question embeddings.")
def index() -> None:
    """Manage the cached question embeddings."""


@index.command("build")
@click.option("--corpus", "corpus_path", type=click.Path(dir_okay=False), help="Corpus file (default: curated).")
@click.option("--rebuild", is_flag=True, help="Embed again even if a valid cache exists.")
@_library_errors
def index_build(corpus_path: str | None, rebuild: bool) -> None:
    """Embed the corpus now and cache it (otherwise done on first use)."""
    rec = _recommender(corpus_path)
    with click.progressbar(length=len(rec.corpus), label="Embedding questions", file=sys.stderr) as bar:
        folder = rec.build_index(rebuild=rebuild, progress=lambda done, total: bar.update(done - bar.pos))
    click.echo(f"Index of {len(rec.corpus)} questions cached in {folder}")


def _discard_stdout() -> None:
    """Point standard output at the null device, so the final flush at exit cannot fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout): nothing to flush
        pass


@cli.command(short_help="Serve the web page and the HTTP API on this machine.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; others need a token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port.")
@click.option(
    "--token",
    envvar="INFOQUEST_TOKEN",
    help="Require 'Authorization: Bearer TOKEN' on API calls (env INFOQUEST_TOKEN).",
)
@_library_errors
def serve(host: str, port: int, token: str | None) -> None:
    """Serve the web page and the HTTP API (/v1/, docs at /docs) until Ctrl+C.

    \b
    Example:
      infoquest serve --port 8000
    """
    from infoquest.server import serve as run_server

    run_server(host, port, token, announce=click.echo)


def main() -> None:
    """Console-script entry point: the library's errors are one line (see ``_library_errors``); anything
    else still ends in one line, naming only the exception's type (its text might quote a résumé)."""
    try:
        cli(prog_name="infoquest", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:  # e.g. `infoquest corpus list | head`
        _discard_stdout()
        sys.exit(0)
    except RecursionError:
        click.echo("Error: the input is nested too deeply to process; simplify it", err=True)
        sys.exit(1)
    except OSError as exc:  # e.g. `infoquest suggest ... > /dev/full`: reading is the library's own error
        _discard_stdout()
        reason = exc.strerror or type(exc).__name__
        click.echo(f"Error: cannot write the output ({reason}); check the disk space and the destination", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        if os.environ.get("INFOQUEST_DEBUG"):
            raise
        click.echo(
            f"Error: unexpected {type(exc).__name__}; please report it (INFOQUEST_DEBUG=1 shows the details)",
            err=True,
        )
        sys.exit(1)
