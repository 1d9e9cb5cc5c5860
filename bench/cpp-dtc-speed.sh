#!/usr/bin/env bash
# Times `viommu dtc --cpp` (one process: preprocess + compile) against `cpp | dtc` (two processes) on one
# board, the way a kernel build compiles it, and prints the ratio. Medians of RUNS runs each.
# Usage: bench/cpp-dtc-speed.sh VIOMMU [ROOT BOARD.dts INCLUDE-DIR...]
#   Without ROOT, the test board shipped in tests/DtEngine.Tests/Preprocessor/Sources is used.
#   Kernel example: bench/cpp-dtc-speed.sh out/viommu ~/linux arch/arm64/boot/dts/qcom/x.dts scripts/dtc/include-prefixes
set -euo pipefail
viommu=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then set -- "$here/tests/DtEngine.Tests/Preprocessor/Sources" board.dts include; fi
root=$1; board=$2; shift 2
runs=${RUNS:-20}
cd "$root"
dir=$(dirname "$board")
inc=(-I "$dir"); cinc=(--cpp-include "$dir")
for i in "$@"; do inc+=(-I "$i"); cinc+=(--cpp-include "$i"); done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
gnu() { cpp -nostdinc "${inc[@]}" -undef -D__DTS__ -x assembler-with-cpp "$board" | dtc -q -O dtb -b 0 -i "$dir" -o "$tmp/gnu.dtb" -; }
mine() { "$viommu" dtc -q --cpp "${cinc[@]}" -O dtb -b 0 -i "$dir" -o "$tmp/mine.dtb" "$board"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
gnu; mine
cmp -s "$tmp/gnu.dtb" "$tmp/mine.dtb" || { echo "outputs differ"; exit 1; }
g=$(for _ in $(seq "$runs"); do time_ms gnu; done | median)
m=$(for _ in $(seq "$runs"); do time_ms mine; done | median)
size=$(cpp -nostdinc "${inc[@]}" -undef -D__DTS__ -x assembler-with-cpp "$board" | wc -c)
echo "board $board ($size bytes preprocessed, identical blobs): cpp|dtc ${g} ms, viommu dtc --cpp ${m} ms, ratio viommu/(cpp|dtc) $(awk -v m="$m" -v g="$g" 'BEGIN { printf "%.2f", (g ? m / g : 0) }')"
