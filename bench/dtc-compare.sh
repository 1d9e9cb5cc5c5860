#!/usr/bin/env bash
# viommu dtc (Native AOT) against dtc on the board trees, end to end, in one run.
# Usage: bench/dtc-compare.sh [RUNS]   (needs dtc on PATH; publishes viommu to bench/results/bin)
# Wall time per run, and with perf (linux-perf) also CPU time per run (task-clock), which another process on the
# machine disturbs much less than wall time. DTC=PATH compares with another dtc build.
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

# "WALL_MS CPU_MS" per run, averaged over RUNS runs of a command (CPU_MS is - without perf)
measure() {
  if [ "$have_perf" = 1 ]; then
    perf stat -r "$runs" -e task-clock "$@" 2>&1 >/dev/null | awk '
      /task-clock/ { cpu = $1 } /seconds time elapsed/ { wall = $1 * 1000 } END { printf "%.2f %.2f\n", wall, cpu }'
  else
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
    end=$(date +%s%N)
    awk -v ns=$(( end - start )) -v r="$runs" 'BEGIN { printf "%.2f -\n", ns / 1e6 / r }'
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

printf '%-22s %-8s %9s %9s %7s %9s %9s %7s\n' board dir "dtc wall" "vi wall" ratio "dtc cpu" "vi cpu" ratio
for b in "$boards"/*.dtb; do
  name=$(basename "$b" .dtb)
  dts="$out/work/$name.dts"
  "$dtc" -q -I dtb -O dts -o "$dts" "$b"
  for dir in dtb-dts dts-dtb; do
    if [ "$dir" = dtb-dts ]; then args=(-q -I dtb -O dts -o /dev/null "$b"); else args=(-q -I dts -O dtb -o /dev/null "$dts"); fi
    read -r dw dc < <(measure "$dtc" "${args[@]}")
    read -r vw vc < <(measure "$viommu" dtc "${args[@]}")
    printf '%-22s %-8s %9s %9s %7s %9s %9s %7s\n' "${name:0:22}" "$dir" "$dw" "$vw" "$(ratio "$vw" "$dw")" "$dc" "$vc" "$(ratio "$vc" "$dc")"
  done
done
echo "ms per run, mean of $runs runs; ratio = viommu / dtc (lower is better); $("$dtc" -v)"
