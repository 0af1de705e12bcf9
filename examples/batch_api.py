"""Score many profiles in one call, as a web backend or a benchmark would, and emit JSON.

Run from the repository root: ``python examples/batch_api.py``. It also shows the etiquette check on
questions a user typed, and a user-supplied corpus with only question texts.
"""

import json
import tempfile
from pathlib import Path

from infoquest import Profile, Recommender, check_questions

PROFILES = [
    Profile(goals="Find a summer internship in civil engineering", role="Professor of civil engineering"),
    Profile(goals="Get back into accounting after a four-year break", role="HR business partner at a bank"),
    Profile(goals="Understand where local news is heading", role="retired newspaper editor"),
]


def main() -> None:
    rec = Recommender()
    for profile, recs in zip(PROFILES, rec.recommend_many(PROFILES, k=3), strict=True):
        print(json.dumps({"role": profile.role, "questions": [r.to_dict() for r in recs]}, indent=2))

    for verdict in check_questions(["Are you hiring?", "How did you find this particular job?"]):
        print(verdict.model_dump_json())

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "mine.jsonl"
        corpus.write_text(
            '{"text": "What surprised you most in your first year?"}\n'
            '{"text": "Which professional associations are worth joining early?"}\n'
            '{"text": "What would you do differently if you started again?"}\n',
            encoding="utf-8",
        )
        custom = Recommender(corpus=corpus)
        for r in custom.rank(PROFILES[0]):
            print(r.rank, r.question.id, r.question.category, r.question.text)


if __name__ == "__main__":
    main()
