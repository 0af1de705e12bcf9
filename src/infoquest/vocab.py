"""The controlled vocabularies shared by the corpus, the profile and the ranking."""

from __future__ import annotations

from typing import Final, Literal

GUIDE_CATEGORIES: Final = (
    "Career Specific",
    "Responsibilities",
    "Industry Questions",
    "Salary and Advancement Opportunities",
    "Training and Preparation",
)
EXTRA_CATEGORIES: Final = (
    "Job Search and Networking",
    "About the Organization",
    "Referrals and Closing",
)
UNCATEGORIZED: Final = "Uncategorized"
CATEGORIES: Final = (*GUIDE_CATEGORIES, *EXTRA_CATEGORIES)

#: Who the seeker talks to, as far as it decides which questions they can answer well.
KINDS: Final = (
    "practitioner",
    "early_career",
    "senior_leader",
    "hiring_manager",
    "recruiter",
    "business_owner",
    "public_nonprofit",
    "academic",
    "retired",
)
#: Relationships that the corpus also tags (the guide's first advice: parents' friends, alumni).
RELATIONSHIP_TAGS: Final = ("alumni", "family_connection")
INTERVIEWEES: Final = (*KINDS, *RELATIONSHIP_TAGS)

RELATIONSHIPS: Final = ("none", "family_connection", "alumni", "professor", "former_colleague", "friend")
SENIORITIES: Final = ("junior", "mid", "senior", "executive")

STAGES: Final = ("student", "recent_graduate", "career_changer", "experienced", "returning")

TOPICS: Final = (
    "career_path", "decision", "day_to_day", "challenges", "rewards", "seasonality", "responsibilities",
    "work_environment", "colleagues", "outlook", "trends", "competition", "attrition", "key_people", "salary",
    "advancement", "leadership", "education", "skills", "entry_paths", "experience_fit", "resume_feedback",
    "skill_gaps", "target_employers", "objections", "internships", "advice", "networking", "referrals",
    "resources", "job_search", "hiring_process", "culture", "work_life_balance", "career_change",
    "career_gap", "remote_work", "professional_development", "follow_up",
)  # fmt: skip

SETTINGS: Final = ("company", "academic", "government", "nonprofit", "own_business", "freelance")

#: Fields a question can be restricted to (``fields``): one controlled list, so "nursing" and
#: "healthcare, medicine" do not drift apart.
FIELDS: Final = (
    "accounting", "agriculture", "arts_media", "consulting", "design", "education", "engineering", "finance",
    "healthcare", "hospitality", "law", "logistics", "public_service", "sales_marketing", "science",
    "technology", "trades",
)  # fmt: skip

#: Premises a question can depend on (``requires``): what must be true of the interviewee or of the
#: seeker's relation to them for the question to make sense. A question whose premise the profile does
#: not meet is never recommended ("How did our school shape your path?" to a stranger).
REQUIRES: Final = (
    "shared_school",  # the interviewee went to the seeker's school
    "met_before",  # seeker and interviewee have spoken before (the seeker says so)
    "retired",  # the interviewee is retired
    "owns_business",  # the interviewee runs their own business, practice or freelance work
    "manages_people",  # the interviewee manages a team or hires
    "in_academia",  # the interviewee is an academic
    "knows_family",  # the interviewee knows the seeker's family
    # a personal matter (visa, disability, service, record…) or a specific plan (a PhD, starting a business,
    # working abroad) that only the seeker's goals bring up
    "raised_by_seeker",
)

PLACEMENTS: Final = ("opening", "core", "closing", "follow_up")
Placement = Literal["opening", "core", "closing", "follow_up"]
