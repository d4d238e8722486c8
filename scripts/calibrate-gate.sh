#!/usr/bin/env bash
# Calibrates `dlbench check` on real runs of this machine (docs/regression-gate.md):
#   1. A/A: N runs of Protocols/calibration-w1.json with one build; every ordered pair checked
#      (`check --baseline-run i --run j`): how often identical runs "regress" (false alarms) or are inconclusive.
#   2. Injected slowdown: M runs of the same protocol with hidden layers 276 wide instead of 256 under the same
#      names (about 10% more FLOPs; 5-9% more time on the development machine); each checked against each A/A run: how often the slowdown is caught.
#   3. Interleaved A/B: K runs with --baseline-binary (the same build, so every "regression" is a false alarm),
#      then K with a baseline build that trains the narrower model (a wrapper rewrites 256 → 236 in the request:
#      the current build is then 6-8% slower there), each checked with plain `dlbench check` (paired by round).
#   4. Coverage: how often one run's 95% CI of a case contains the next run's estimate.
#   5. Run-to-run spread: how much whole runs' estimates move beyond what their trials show — the value for
#      `check --run-spread` (default 3%) on this machine.
# Usage: scripts/calibrate-gate.sh [N=8] [M=4] [K=3]   (W1 trials take ~0.8 s; the whole script ~25 min at defaults)
# CALIBRATION_DB=path keeps the runs' database there. Run it on a quiet machine: a compile beside it doubles
# step times.
set -euo pipefail
cd "$(dirname "$0")/.."
aa_runs=${1:-8}
slow_runs=${2:-4}
ab_runs=${3:-3}
swift build -c release --product dlbench >/dev/null
binary="$(swift build -c release --product dlbench --show-bin-path)/dlbench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="${CALIBRATION_DB:-$work/calibration.sqlite}"
protocol=Protocols/calibration-w1.json
slow="$work/slow.json"
sed 's/"hidden": \[256, 256\]/"hidden": [276, 276]/' "$protocol" >"$slow"

latest_id() { "$binary" report --db "$db" --format csv | awk -F, 'NR==2 {print $1}'; }

echo "calibration: $aa_runs A/A runs, $slow_runs slowed runs, $ab_runs+$ab_runs interleaved A/B runs ($(date -u +%FT%TZ))"
aa=(); for _ in $(seq "$aa_runs"); do "$binary" run "$protocol" --db "$db" --quiet >/dev/null 2>>"$work/run.log" || true; aa+=("$(latest_id)"); done
sl=(); for _ in $(seq "$slow_runs"); do "$binary" run "$slow" --db "$db" --quiet >/dev/null 2>>"$work/run.log" || true; sl+=("$(latest_id)"); done

# check's exit status: 0 pass, 1 regression; "inconclusive" in its summary line.
tally() {  # baseline candidate → prints pass|fail|inconclusive per check line
  "$binary" check --db "$db" --baseline-run "$1" --run "$2" --metric step_time >"$work/check.txt" 2>&1 || true
  grep -cE '^FAIL' "$work/check.txt" | sed 's/^/fail /'
  grep -cE '^\?\?\?' "$work/check.txt" | sed 's/^/inconclusive /'
  grep -oE '[0-9]+ check\(s\)' "$work/check.txt" | head -1 | sed 's/ check(s)//; s/^/checks /'
}
pairs=0; alarmed=0; checks=0; fails=0; undecided=0
for i in "${aa[@]}"; do for j in "${aa[@]}"; do
  [ "$i" = "$j" ] && continue
  out=$(tally "$i" "$j"); f=$(awk '/^fail/ {print $2}' <<<"$out"); u=$(awk '/^inconclusive/ {print $2}' <<<"$out")
  c=$(awk '/^checks/ {print $2}' <<<"$out"); pairs=$((pairs+1)); checks=$((checks+c)); fails=$((fails+f)); undecided=$((undecided+u))
  [ "$f" -gt 0 ] && alarmed=$((alarmed+1))
done; done
echo "A/A separate runs: $alarmed of $pairs ordered pairs regressed; $fails of $checks checks failed, $undecided inconclusive"

caught=0; slow_checks=0; slow_undecided=0
for i in "${aa[@]}"; do for j in "${sl[@]}"; do
  out=$(tally "$i" "$j"); f=$(awk '/^fail/ {print $2}' <<<"$out"); u=$(awk '/^inconclusive/ {print $2}' <<<"$out")
  c=$(awk '/^checks/ {print $2}' <<<"$out"); slow_checks=$((slow_checks+c)); caught=$((caught+f)); slow_undecided=$((slow_undecided+u))
done; done
echo "slowdown (hidden 276 vs 256) separate runs: $caught of $slow_checks checks caught it, $slow_undecided inconclusive"
"$binary" compare "${aa[0]}" "${sl[0]}" --db "$db" --metric step_time | head -3 | sed 's/^/  /'

cat >"$work/narrow-baseline.sh" <<WRAP
#!/usr/bin/env bash
# A baseline build that trains a narrower model: the candidate is then slower, as if it had regressed.
sed -u 's/\[256, 256\]/[236, 236]/g' | exec "$binary" "\$@"
WRAP
chmod +x "$work/narrow-baseline.sh"
interleaved() {  # baseline binary → "failed inconclusive checks" summed over K interleaved runs
  local failed=0 undecided=0 checks=0
  for _ in $(seq "$ab_runs"); do
    "$binary" run "$protocol" --db "$db" --quiet --baseline-binary "$1" >/dev/null 2>>"$work/run.log" || true
    "$binary" check --db "$db" --metric step_time >"$work/check.txt" 2>&1 || true
    failed=$((failed + $(grep -cE '^FAIL' "$work/check.txt" || true)))
    undecided=$((undecided + $(grep -cE '^\?\?\?' "$work/check.txt" || true)))
    checks=$((checks + $(grep -oE '[0-9]+ check\(s\)' "$work/check.txt" | head -1 | grep -oE '[0-9]+' || echo 0)))
  done
  echo "$failed $undecided $checks"
}
read -r ab_alarms ab_undecided ab_checks <<<"$(interleaved "$binary")"
echo "A/A interleaved (same build both sides): $ab_alarms of $ab_checks checks failed, $ab_undecided inconclusive"
read -r ab_caught ab_slow_undecided ab_slow_checks <<<"$(interleaved "$work/narrow-baseline.sh")"
echo "slowdown interleaved (baseline build trains hidden 236): $ab_caught of $ab_slow_checks checks caught it, $ab_slow_undecided inconclusive"
grep -E '^(FAIL|\?\?\?|ok)' "$work/check.txt" | head -2 | sed 's/^/  /'

# 4. Coverage: run i's 95% CI of each case against run i+1's estimate.
"$binary" report --db "$db" --format csv $(printf -- '--run %s ' "${aa[@]}") --metric step_time >"$work/aa.csv"
python3 - "$work/aa.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
by_engine = {}
for row in rows:
    by_engine.setdefault(row["engine"], []).append(row)
hits = total = 0
widths = []
for engine, series in by_engine.items():
    series.sort(key=lambda r: int(r["run"]))
    for first, second in zip(series, series[1:]):
        if not first["ci_lower"] or not second["estimate"]:
            continue
        total += 1
        hits += float(first["ci_lower"]) <= float(second["estimate"]) <= float(first["ci_upper"])
    for row in series:
        if row["ci_lower"]:
            widths.append((float(row["ci_upper"]) - float(row["ci_lower"])) / float(row["estimate"]))
    trials = [int(r["trials"]) for r in series]
    estimates = [float(r["estimate"]) for r in series]
    print(f"  {engine}: estimates {min(estimates) * 1000:.4g}–{max(estimates) * 1000:.4g} ms over {len(series)} runs, trials {min(trials)}–{max(trials)}")
if total:
    print(f"coverage: a run's 95% CI held the next run's estimate in {hits} of {total} cases; "
          f"median relative CI width {sorted(widths)[len(widths)//2]*100:.1f}%")
# Run-to-run spread: variance of log run estimates minus what their trial-level intervals explain.
import math, statistics
for engine, series in by_engine.items():
    logs = [math.log(float(r["estimate"])) for r in series if r["estimate"]]
    errors = [(math.log(float(r["ci_upper"])) - math.log(float(r["ci_lower"]))) / 2 / 2.02 for r in series if r["ci_lower"]]
    if len(logs) > 2 and errors:
        between = statistics.variance(logs)
        within = statistics.mean(e * e for e in errors)
        spread = math.sqrt(max(between - within, 0))
        print(f"run-to-run spread ({engine}): {spread*100:.1f}% (runs' estimates {math.sqrt(between)*100:.1f}% apart, "
              f"trials explain {math.sqrt(within)*100:.1f}%): use check --run-spread {max(spread, 0.005)*100:.1f}%")
PY
