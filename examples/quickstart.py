"""Recommend questions for one job seeker, show why, and print a 25-minute interview plan.

Run from the repository root: ``python examples/quickstart.py``. Works offline.
"""

from pathlib import Path

from infoquest import Profile, Recommender

RESUMES = Path(__file__).resolve().parent / "resumes"


def main() -> None:
    rec = Recommender()
    profile = Profile.from_files(
        resume=RESUMES / "daniel_okafor_two_column.pdf",
        goals=(
            "I teach middle-school science and want to move into UX research. "
            "What skills and portfolio do I need, and how do people find their first role?"
        ),
        role="my roommate's mom, she's a director of UX research at a big health-tech company",
    )
    insight = rec.explain_profile(profile)
    print(
        f"Seeker: {insight.seeker.stage}; interviewee: {insight.interviewee.kind} "
        f"({insight.interviewee.relationship})\n"
    )
    for r in rec.recommend(profile, k=5):
        print(f"{r.rank}. {r.question.text}  [{r.question.category}]")
        for reason in r.reasons:
            print(f"   - {reason}")
    print()
    print(rec.plan(profile, minutes=25).to_markdown())


if __name__ == "__main__":
    main()
