#!/usr/bin/env bash
# Times a Cox model on 100,000 rows x 5 covariates, whole process against whole process:
#   ./cavaplan survival --input f.csv --time time --event status --covariates x1,...,x5
#   Rscript -e 'library(survival); d <- read.csv(f); coxph(Surv(time, status) ~ x1 + ... + x5, d)'
# and prints both medians and their ratio.
#
# Usage: bench/survival-vs-r.sh [RUNS]        (default 10 runs each, after 1 warm-up run)
# Environment:
#   CAVAPLAN  command that runs the CLI (default: ./cavaplan at the repository root)
#   ROWS      rows to generate (default 100000)
# Needs: Rscript with the survival package (Debian: r-cran-survival), a built
# bench/target/benchmarks.jar (mvn -pl bench -am package) for the data generator;
# uses hyperfine when installed (Debian: hyperfine), otherwise its own timing loop.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${1:-10}"
ROWS="${ROWS:-100000}"
CAVAPLAN="${CAVAPLAN:-./cavaplan}"
JAR=bench/target/benchmarks.jar

command -v Rscript >/dev/null || { echo "Rscript not found (apt-get install -y r-cran-survival)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR not found: run mvn -pl bench -am package first" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
csv="$work/cox-${ROWS}x5.csv"
java -cp "$JAR" org.cavaplan.bench.survival.SurvivalDataGenerator "$ROWS" 5 20240611 "$csv"
echo "data: $csv ($(wc -l < "$csv") lines, $(du -h "$csv" | cut -f1))"

java_cmd="$CAVAPLAN survival --input $csv --time time --event status --covariates x1,x2,x3,x4,x5"
r_cmd="Rscript -e 'library(survival); d <- read.csv(\"$csv\"); print(coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5, d))'"

# One run each first: both must succeed, and their coefficients are shown side by side.
echo "--- R coefficients"
eval "$r_cmd" | sed -n '/coef/,/^$/p'
echo "--- CavaPlan coefficients"
eval "$java_cmd" | grep -o '"name":"[^"]*","coef":[^,]*,"hr":[^,]*,"se":[^,]*' | sed 's/[{}"]//g; s/,/  /g'

median_ms() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$work/h.json" \
        --command-name cavaplan "$java_cmd" --command-name R "$r_cmd" >&2
    # Medians in seconds, in command order.
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

echo "cox ${ROWS}x5, median of $RUNS runs (whole process):"
echo "  cavaplan: ${java_ms} ms"
echo "  R coxph:  ${r_ms} ms"
awk -v j="$java_ms" -v r="$r_ms" 'BEGIN {printf "  ratio R / cavaplan = %.2f\n", r / j}'
