"""Check benchmarks/data/roles.jsonl and goals.jsonl: valid JSON, allowed labels, no duplicate texts; print counts."""
import json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
from collections import Counter
KINDS = {"practitioner","early_career","senior_leader","hiring_manager","recruiter","business_owner","public_nonprofit","academic","retired"}
RELS = {"none","family_connection","alumni","professor","former_colleague","friend"}
SEN = {"junior","mid","senior","executive"}
SETS = {"company","academic","government","nonprofit","own_business","freelance"}
STAGES = {"student","recent_graduate","career_changer","experienced","returning"}
TOPICS = set("""career_path decision day_to_day challenges rewards seasonality responsibilities work_environment colleagues
outlook trends competition attrition key_people salary advancement leadership education skills entry_paths experience_fit
resume_feedback skill_gaps target_employers objections internships advice networking referrals resources job_search
hiring_process culture work_life_balance career_change career_gap remote_work professional_development follow_up""".split())
errors = []
def load(path):
    rows = []
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        try: rows.append((i, json.loads(line)))
        except Exception as e: errors.append(f"{path}:{i}: bad JSON {e}")
    return rows
def norm(t): return re.sub(r"\s+", " ", t.strip().lower())

roles = load(str(HERE / "data" / "roles.jsonl"))
seen = {}
for i, r in roles:
    if set(r) != {"text","kind","retired","relationship","seniority","setting","hires"}: errors.append(f"roles:{i}: keys {sorted(r)}")
    if r["kind"] not in KINDS: errors.append(f"roles:{i}: kind {r['kind']}")
    if r["relationship"] not in RELS: errors.append(f"roles:{i}: rel")
    if r["seniority"] not in SEN: errors.append(f"roles:{i}: seniority")
    if r["setting"] not in SETS: errors.append(f"roles:{i}: setting")
    if not isinstance(r["retired"], bool) or not isinstance(r["hires"], bool): errors.append(f"roles:{i}: bool")
    if r["retired"] != (r["kind"] == "retired"): errors.append(f"roles:{i}: retired/kind mismatch")
    if r["kind"] in ("hiring_manager","recruiter") and not r["hires"]: errors.append(f"roles:{i}: {r['kind']} without hires")
    if r["kind"] == "retired" and r["hires"]: errors.append(f"roles:{i}: retired hires")
    n = len(r["text"].split())
    if not 2 <= n <= 40: errors.append(f"roles:{i}: {n} words")
    k = norm(r["text"])
    if k in seen: errors.append(f"roles:{i}: duplicate of line {seen[k]}")
    seen[k] = i
goals = load(str(HERE / "data" / "goals.jsonl"))
seen = {}
for i, g in goals:
    if set(g) != {"text","stage","needs"}: errors.append(f"goals:{i}: keys")
    if g["stage"] not in STAGES: errors.append(f"goals:{i}: stage {g['stage']}")
    if not (1 <= len(g["needs"]) <= 3) or len(set(g["needs"])) != len(g["needs"]): errors.append(f"goals:{i}: needs count/dup")
    for n in g["needs"]:
        if n not in TOPICS: errors.append(f"goals:{i}: unknown need {n}")
    k = norm(g["text"])
    if k in seen: errors.append(f"goals:{i}: duplicate of line {seen[k]}")
    seen[k] = i
R = [r for _, r in roles]; G = [g for _, g in goals]
print("roles:", len(R))
for f in ["kind","relationship","seniority","setting","retired","hires"]:
    print(f"  {f}:", dict(Counter(r[f] for r in R).most_common()))
wl = [len(r["text"].split()) for r in R]; print("  words min/max/mean:", min(wl), max(wl), round(sum(wl)/len(wl),1))
print("goals:", len(G))
print("  stage:", dict(Counter(g["stage"] for g in G).most_common()))
nc = Counter(n for g in G for n in g["needs"])
print("  needs:", dict(nc.most_common()))
print("  needs per goal:", dict(Counter(len(g["needs"]) for g in G)))
print("  unused topics:", sorted(TOPICS - set(nc)))
print("ERRORS:", len(errors)); print("\n".join(errors[:50]))
sys.exit(1 if errors else 0)
