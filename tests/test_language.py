"""Input that is mostly not English is detected and reported (library, --explain, stderr); English with
foreign names is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from infoquest import Profile, Recommender, detect_language, profile_warnings
from infoquest import cli as cli_module
from infoquest.cli import cli
from infoquest.encoders import HashingEncoder
from infoquest.notices import profile_languages

SPANISH_GOALS = "Quiero pasar de la enseñanza a la ingeniería de software. ¿Cómo consigo mi primer trabajo?"
CHINESE_ROLE = "儿科肿瘤病房护士长"  # head nurse of a paediatric oncology ward
SPANISH_RESUME = """María Fernanda López
Experiencia
Profesora de matemáticas, Colegio San José, 2014 - presente. Preparé las clases de álgebra y estadística
para cinco grupos y coordiné el club de programación de la escuela.
Educación
Licenciatura en matemáticas, Universidad de Guadalajara, 2010 - 2014
Habilidades
Python, SQL, análisis de datos, hablar en público
"""
ENGLISH_WITH_NAMES = [
    "friend of my dad, José García, who runs Núñez y Asociados in Guadalajara",
    "I worked with Jürgen Müller and Søren Kierkegaard at Société Générale in Zürich",
    "my tío Roberto, who owns a taquería in San Antonio",
    "I want to move from teaching math at Colegio San José into software engineering.",
]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH_GOALS, "es"),
        (CHINESE_ROLE, "zh"),
        (SPANISH_RESUME, "es"),
        ("Je veux devenir infirmière : comment trouver un stage cet été ?", "fr"),
        ("Ich möchte in die Softwareentwicklung wechseln. Wie finde ich meine erste Stelle?", "de"),
        ("главная медсестра детской больницы", "ru"),
        ("How do I move from teaching into software engineering?", "en"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ENGLISH_WITH_NAMES)
def test_english_with_a_few_foreign_names_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "2019 - 2023", "nurse manager", "CFO", "Enfermera jefe"])
def test_too_little_to_tell_is_undetermined_not_foreign(text: str) -> None:
    assert detect_language(text) == "und"


def test_the_curated_corpus_and_the_labelled_english_data_are_all_english() -> None:
    from infoquest.corpus import default_corpus

    flagged = [q.text for q in default_corpus() if detect_language(q.text) not in ("en", "und")]
    assert flagged == []


def test_profile_warnings_name_each_part_not_in_english_and_never_quote_it() -> None:
    profile = Profile(goals=SPANISH_GOALS, role=CHINESE_ROLE, resume=SPANISH_RESUME)
    assert profile_languages(profile) == {"goals": "es", "role": "zh", "resume": "es"}
    (warning,) = profile_warnings(profile)
    assert "not in English: goals (Spanish), role (Chinese), résumé (Spanish)" in warning
    assert "\n" not in warning and "Quiero" not in warning and "López" not in warning


def test_an_english_profile_with_foreign_names_has_no_warning() -> None:
    profile = Profile(goals=ENGLISH_WITH_NAMES[3], role=ENGLISH_WITH_NAMES[0])
    assert profile_languages(profile) == {"goals": "en", "role": "en"}
    assert profile_warnings(profile) == ()


def test_no_goals_and_no_role_says_what_is_missing_and_what_it_would_add() -> None:
    (warning,) = profile_warnings(Profile(resume="Paralegal, Smith & Lee LLP, 2009 - 2018. Drafted contracts."))
    assert warning.startswith("no goals and no role given")
    assert "what you want to find out" in warning and "who you will meet" in warning
    assert profile_warnings(Profile(resume="Paralegal, 2009 - 2018.", role="a lawyer")) == ()


def test_the_insight_carries_languages_and_warnings(tmp_path: Path) -> None:
    rec = Recommender(encoder=HashingEncoder(128), trained=False, cache_dir=tmp_path)
    insight = rec.explain_profile(Profile(goals=SPANISH_GOALS, role="nurse manager at a children's hospital"))
    assert insight.languages == {"goals": "es", "role": "en"}
    assert len(insight.warnings) == 1 and "goals (Spanish)" in insight.warnings[0]
    assert json.loads(insight.model_dump_json())["warnings"] == list(insight.warnings)


# --- the command line -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fake_recommender(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cli_module, "_recommender", lambda path: Recommender(path, encoder=HashingEncoder(128), trained=False)
    )


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, prog_name="infoquest")


def test_suggest_says_on_stderr_in_one_line_that_the_input_is_not_english(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(SPANISH_RESUME, encoding="utf-8")
    result = _run("suggest", "--resume", str(resume), "--goals", SPANISH_GOALS, "--role", CHINESE_ROLE, "-k", "3")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines == [
        "Warning: not in English: goals (Spanish), role (Chinese), résumé (Spanish); infoquest reads English "
        "only, so what it infers and suggests may not fit: write them in English for better results"
    ]
    assert "Warning" not in result.stdout


def test_explain_shows_the_warning_in_the_table_and_in_json() -> None:
    table = _run("suggest", "--goals", SPANISH_GOALS, "--explain", "-k", "2")
    assert "Note: not in English: goals (Spanish)" in table.stdout
    data = json.loads(_run("suggest", "--goals", SPANISH_GOALS, "--explain", "--format", "json").stdout)
    assert data["profile"]["languages"] == {"goals": "es"}
    assert "goals (Spanish)" in data["profile"]["warnings"][0]


def test_plan_warns_when_goals_and_role_are_missing(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text("Paralegal, Smith & Lee LLP, 2009 - 2018. Drafted contracts and managed filings.\n")
    result = _run("plan", "--resume", str(resume), "--format", "json")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith("Warning: no goals and no role given")
    json.loads(result.stdout)  # stdout stays clean JSON


def test_an_english_resume_is_read_as_english_without_loading_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    # The identifier costs about 75 MB and half a second; English text is told from the model's vocabulary.
    from infoquest import language

    def refuse() -> None:
        raise AssertionError("the language identifier was loaded for English text")

    monkeypatch.setattr(language, "_identifier", refuse)
    resume = Path(__file__).parent.parent / "examples" / "resumes" / "grace_kim_returning.md"
    assert detect_language(resume.read_text(encoding="utf-8")) == "en"
    assert detect_language("registered nurse, pediatric oncology unit, night shifts, charge duties") == "en"


def test_spanish_text_is_still_sent_to_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    from infoquest import language

    assert language._english_vocabulary(), "the shipped vocabulary is readable"
    calls: list[str] = []
    real = language._identifier

    def spy() -> object:
        calls.append("loaded")
        return real()

    monkeypatch.setattr(language, "_identifier", spy)
    assert detect_language(SPANISH_RESUME) == "es"
    assert calls
