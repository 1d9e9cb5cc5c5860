#!/usr/bin/env bash
# viommu dtc (Native AOT) against dtc on the board trees by instructions executed (valgrind), whole process:
# unlike time, the count does not move with other load on the machine, so two builds compare on a busy CI host.
# Usage: bench/dtc-instructions.sh   (needs valgrind and dtc; DTC=PATH compares with another dtc build)
set -euo pipefail
cd "$(dirname "$0")/.."
boards=${VIOMMU_BOARDS:-../shared/corpus/boards}
dtc=${DTC:-dtc}
command -v valgrind > /dev/null || apt-get install -y valgrind > /dev/null
out=bench/results
mkdir -p "$out/work" "$out/bin-alone"
dotnet publish src/Viommu -c Release -o "$out/bin" > /dev/null
# the binary alone: valgrind stops reading symbols, and counting, when it finds the separate debug file beside it
cp "$out/bin/viommu" "$out/bin-alone/viommu"
viommu="$out/bin-alone/viommu"

count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf '%-22s %-8s %12s %12s %7s\n' board dir "dtc instr" "viommu" ratio
for b in "$boards"/*.dtb; do
  name=$(basename "$b" .dtb)
  dts="$out/work/$name.dts"
  "$dtc" -q -I dtb -O dts -o "$dts" "$b"
  for dir in dtb-dts dts-dtb; do
    if [ "$dir" = dtb-dts ]; then args=(-q -I dtb -O dts -o "$out/work/o" "$b"); else args=(-q -I dts -O dtb -o "$out/work/o" "$dts"); fi
    d=$(count "$dtc" "${args[@]}")
    v=$(count "$viommu" dtc "${args[@]}")
    printf '%-22s %-8s %12s %12s %7s\n' "${name:0:22}" "$dir" "$d" "$v" "$(ratio "$v" "$d")"
  done
done
echo "instructions per run (valgrind callgrind); ratio = viommu / dtc (lower is better); $("$dtc" -v)"
