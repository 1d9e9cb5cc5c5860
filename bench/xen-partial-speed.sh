#!/usr/bin/env bash
# Times `viommu xen partial` end to end as a process (read host and partial DTS, resolve, allocate, rewrite, prove
# every stream nested in the SMMU model, write the DTB, xl.cfg and map) for a guest with DEVICES passthrough devices
# of STREAMS streams each (issue goal: 256 x 16 under 100 ms), then `viommu xen validate` on its output (the same
# streams read back from the tree and xl.cfg, checked and proven again). Prints min, median and max of RUNS runs.
# Usage: bench/xen-partial-speed.sh VIOMMU [DEVICES] [STREAMS]   (VIOMMU: e.g. after dotnet publish src/Viommu -c Release -o /tmp/v)
set -euo pipefail
viommu=$(realpath "$1")
devices=${2:-256}; streams=${3:-16}; runs=${RUNS:-20}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dotnet run --project "$here/bench/Lops.Bench" -c Release -- generate-guest "$tmp" "$devices" "$streams" > /dev/null
args=(xen partial --host "$tmp/host.dts" "$tmp/partial.dts" -o "$tmp/out.dtb" --xl-cfg "$tmp/xl.cfg" --map "$tmp/map.json")
"$viommu" "${args[@]}" > /dev/null || { echo "xen partial failed"; exit 1; }
timed() { # LABEL COMMAND...
  local label=$1; shift
  local times
  times=$(for _ in $(seq "$runs"); do s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); done | sort -n)
  echo "$label, $devices devices x $streams streams: min $(echo "$times" | head -1) ms, median $(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms, max $(echo "$times" | tail -1) ms ($runs runs)"
}
timed "xen partial" "$viommu" "${args[@]}"
check=(xen validate --host "$tmp/host.dts" --partial "$tmp/out.dtb" --xl-cfg "$tmp/xl.cfg")
"$viommu" "${check[@]}" > /dev/null || { echo "xen validate failed on xen partial's output"; exit 1; }
timed "xen validate" "$viommu" "${check[@]}"
