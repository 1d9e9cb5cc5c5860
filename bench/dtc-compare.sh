#!/usr/bin/env bash
# viommu dtc (Native AOT) against dtc on the board trees, end to end, in one run.
# Usage: bench/dtc-compare.sh [RUNS]   (needs dtc on PATH; publishes viommu to bench/results/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
boards=${VIOMMU_BOARDS:-../shared/corpus/boards}
out=bench/results
mkdir -p "$out/work"
dotnet publish src/Viommu -c Release -o "$out/bin" >/dev/null
viommu="$out/bin/viommu"
command -v dtc >/dev/null || { echo "dtc not installed (apt-get install -y device-tree-compiler)"; exit 1; }

# total wall time in ms of RUNS runs of a command
time_runs() {
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

printf '%-28s %-10s %10s %10s %8s\n' board direction "dtc ms" "viommu ms" ratio
for b in "$boards"/*.dtb; do
  name=$(basename "$b" .dtb)
  dts="$out/work/$name.dts"
  dtc -q -I dtb -O dts -o "$dts" "$b"
  for dir in dtb-dts dts-dtb; do
    if [ "$dir" = dtb-dts ]; then args=(-q -I dtb -O dts -o /dev/null "$b"); else args=(-q -I dts -O dtb -o /dev/null "$dts"); fi
    t_dtc=$(time_runs dtc "${args[@]}")
    t_vi=$(time_runs "$viommu" dtc "${args[@]}")
    ratio=$(awk -v a="$t_vi" -v b="$t_dtc" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-28s %-10s %10.2f %10.2f %8s\n' "$name" "$dir" "$(awk -v t="$t_dtc" -v r="$runs" 'BEGIN{print t/r}')" "$(awk -v t="$t_vi" -v r="$runs" 'BEGIN{print t/r}')" "$ratio"
  done
done
echo "ratio = viommu time / dtc time per run (lower is better); $runs runs each; dtc $(dtc -v | awk '{print $NF}')"
