#!/usr/bin/env bash
# Times `viommu xen system` end to end (read the host and spec, extract, run the vSMMUv3 lops, prove every guest
# in the SMMU model, write every artifact) as a process: the largest corpus board with four guests, and the
# multi-SMMU example with three. Median of RUNS runs.
# Usage: bench/xen-system-speed.sh VIOMMU   (e.g. after dotnet publish src/Viommu -c Release -o /tmp/v)
set -euo pipefail
viommu=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${VIOMMU_SHARED:-$here/../shared}
runs=${RUNS:-20}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
run() {
  local label=$1; shift
  "$@" > /dev/null 2>&1 || { echo "$label: the command failed"; exit 1; }
  echo "$label: $(for _ in $(seq "$runs"); do time_ms "$@"; done | median) ms (median of $runs)"
}
run "k3-j721e-evm.dtb, 4 guests" "$viommu" xen system --host "$shared/corpus/boards/k3-j721e-evm.dtb" "$here/bench/xen-system/k3-j721e-four-guests.yaml" -o "$tmp/k3"
run "multi-smmu example, 3 guests (vSMMU, 22 streams)" "$viommu" xen system "$here/examples/xen/system/system.yaml" -o "$tmp/multi"
