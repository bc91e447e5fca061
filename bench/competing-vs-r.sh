#!/usr/bin/env bash
# Times competing risks and the RMST on 100,000 rows with three arms, whole process against whole process:
#   ./cavaplan survival --input f.csv --time time --event status --group arm --competing --rmst 24
#   Rscript: cmprsk::cuminc(time, status, arm) (cumulative incidence, variances, Gray's test) and
#            print(survfit(Surv(time, status != 0) ~ arm), rmean = 24)
# Both compute the same things: Kaplan-Meier per arm, log-rank, the RMST, the cumulative incidence of
# both causes per arm with variances, and Gray's test per cause (R has no JSON to write; cavaplan writes
# every curve point as JSON, R prints its tables). Prints both medians, their ratio, and Gray's
# statistics side by side.
#
# Usage: bench/competing-vs-r.sh [RUNS]        (default 10 runs each, after 1 warm-up run)
# Environment:
#   CAVAPLAN  command that runs the CLI (default: ./cavaplan at the repository root)
#   ROWS      rows to generate (default 100000)
# Needs: Rscript with survival and cmprsk (Debian: r-cran-survival r-cran-cmprsk), a built
# bench/target/benchmarks.jar (mvn -pl bench -am package) for the data generator; uses hyperfine when
# installed, otherwise its own timing loop. On demand only: CI does not run it.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${1:-10}"
ROWS="${ROWS:-100000}"
CAVAPLAN="${CAVAPLAN:-./cavaplan}"
JAR=bench/target/benchmarks.jar

command -v Rscript >/dev/null || { echo "Rscript not found (apt-get install -y r-cran-survival r-cran-cmprsk)" >&2; exit 2; }
Rscript -e 'suppressMessages(library(cmprsk))' >/dev/null 2>&1 \
    || { echo "R package cmprsk not found (apt-get install -y r-cran-cmprsk)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR not found: run mvn -pl bench -am package first" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
csv="$work/competing-${ROWS}.csv"
java -cp "$JAR" org.cavaplan.bench.survival.CompetingDataGenerator "$ROWS" 20261205 "$csv"
echo "data: $csv ($(wc -l < "$csv") lines, $(du -h "$csv" | cut -f1))"

java_cmd="$CAVAPLAN survival --input $csv --time time --event status --group arm --competing --rmst 24"
r_script="$work/competing.R"
cat > "$r_script" <<R
suppressMessages({ library(survival); library(cmprsk) })
d <- read.csv("$csv")
ci <- cuminc(d\$time, d\$status, d\$arm)
print(ci\$Tests)
invisible(lapply(ci[names(ci) != "Tests"], function(x) length(x\$est)))
print(survfit(Surv(time, status != 0) ~ arm, data = d), rmean = 24)
print(survdiff(Surv(time, status != 0) ~ arm, data = d))
R
r_cmd="Rscript $r_script"

# One run each first: both must succeed, and Gray's statistics are shown side by side.
echo "--- R (cuminc Tests: stat, pv, df)"
eval "$r_cmd" | sed -n '1,3p'
echo "--- CavaPlan (grayTest)"
eval "$java_cmd" | grep -o '"grayTest":\[[^]]*\]'

median_ms() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$work/h.json" \
        --command-name cavaplan "$java_cmd" --command-name R "$r_cmd" >&2
    mapfile -t med < <(grep -o '"median": *[0-9.e+-]*' "$work/h.json" | sed 's/.*: *//')
    java_ms=$(awk -v s="${med[0]}" 'BEGIN {printf "%.0f", s * 1000}')
    r_ms=$(awk -v s="${med[1]}" 'BEGIN {printf "%.0f", s * 1000}')
else
    time_runs() {
        eval "$1" >/dev/null 2>&1
        for _ in $(seq "$RUNS"); do
            local t0 t1
            t0=$(date +%s%N); eval "$1" >/dev/null 2>&1; t1=$(date +%s%N)
            echo $(( (t1 - t0) / 1000000 ))
        done | median_ms
    }
    java_ms=$(time_runs "$java_cmd")
    r_ms=$(time_runs "$r_cmd")
fi

echo "competing risks + RMST ${ROWS} rows, 3 arms, median of $RUNS runs (whole process):"
echo "  cavaplan: ${java_ms} ms"
echo "  R cuminc + rmean: ${r_ms} ms"
awk -v j="$java_ms" -v r="$r_ms" 'BEGIN {printf "  ratio R / cavaplan = %.2f\n", r / j}'
