#!/usr/bin/env bash
# viommu dtc (Native AOT) against dtc on the board trees, end to end, in one run.
# Usage: bench/dtc-compare.sh [RUNS]   (needs dtc on PATH; publishes viommu to bench/results/bin)
# Wall time per run, and with perf (linux-perf) also CPU time per run (task-clock), which another process on the
# machine disturbs much less than wall time. DTC=PATH compares with another dtc build.
# The runs go in blocks of 10, dtc's and viommu's alternating, and each figure is the median of the blocks' means:
# on a shared VM the speed drifts by tens of percent within a minute, and all of one tool's runs and then all of the
# other's put that drift into the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
boards=${VIOMMU_BOARDS:-../shared/corpus/boards}
dtc=${DTC:-dtc}
out=bench/results
mkdir -p "$out/work"
dotnet publish src/Viommu -c Release -o "$out/bin" >/dev/null
viommu="$out/bin/viommu"
command -v "$dtc" >/dev/null || { echo "dtc not installed (apt-get install -y device-tree-compiler)"; exit 1; }
have_perf=0; perf stat -e task-clock true >/dev/null 2>&1 && have_perf=1

block=$(( runs < 10 ? runs : 10 ))
blocks=$(( (runs + block - 1) / block ))

# "WALL_MS CPU_MS" per run, averaged over one block of runs of a command (CPU_MS is - without perf)
measure() {
  if [ "$have_perf" = 1 ]; then
    perf stat -r "$block" -e task-clock "$@" 2>&1 >/dev/null | awk '
      /task-clock/ { cpu = $1 } /seconds time elapsed/ { wall = $1 * 1000 } END { printf "%.2f %.2f\n", wall, cpu }'
  else
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < block; i++)); do "$@" >/dev/null 2>&1; done
    end=$(date +%s%N)
    awk -v ns=$(( end - start )) -v r="$block" 'BEGIN { printf "%.2f -\n", ns / 1e6 / r }'
  fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0 || v[1] == "-") print "-"; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

printf '%-22s %-8s %9s %9s %7s %9s %9s %7s\n' board dir "dtc wall" "vi wall" ratio "dtc cpu" "vi cpu" ratio
for b in "$boards"/*.dtb; do
  name=$(basename "$b" .dtb)
  dts="$out/work/$name.dts"
  "$dtc" -q -I dtb -O dts -o "$dts" "$b"
  for dir in dtb-dts dts-dtb; do
    if [ "$dir" = dtb-dts ]; then args=(-q -I dtb -O dts -o /dev/null "$b"); else args=(-q -I dts -O dtb -o /dev/null "$dts"); fi
    : > "$out/work/d"; : > "$out/work/v"
    for ((k = 0; k < blocks; k++)); do
      measure "$dtc" "${args[@]}" >> "$out/work/d"
      measure "$viommu" dtc "${args[@]}" >> "$out/work/v"
    done
    dw=$(cut -d' ' -f1 "$out/work/d" | median); dc=$(cut -d' ' -f2 "$out/work/d" | median)
    vw=$(cut -d' ' -f1 "$out/work/v" | median); vc=$(cut -d' ' -f2 "$out/work/v" | median)
    printf '%-22s %-8s %9s %9s %7s %9s %9s %7s\n' "${name:0:22}" "$dir" "$dw" "$vw" "$(ratio "$vw" "$dw")" "$dc" "$vc" "$(ratio "$vc" "$dc")"
  done
done
echo "ms per run, median of $blocks alternating blocks of $block runs each; ratio = viommu / dtc (lower is better); $("$dtc" -v)"
