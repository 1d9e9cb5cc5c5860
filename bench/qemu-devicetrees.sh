#!/usr/bin/env bash
# Xilinx's qemu-devicetrees built by its own Makefile twice, once with GNU cpp (gcc -E) and dtc, once with
# `viommu cpp` and `viommu dtc` in their places (GCC= and DTC=), and every file both builds write compared: the
# preprocessed text, the .cd dependency files, the blobs and the DTS outputs (3,174 files), and the make logs.
# Usage: bench/qemu-devicetrees.sh VIOMMU CHECKOUT   (DTC=PATH picks dtc; needs gcc, make, python3)
set -u
viommu=$(realpath "$1"); src=$(realpath "$2"); dtc=${DTC:-dtc}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/sh\nexec "%s" cpp "$@"\n' "$viommu" > "$tmp/vcpp"
printf '#!/bin/sh\nexec "%s" dtc "$@"\n' "$viommu" > "$tmp/vdtc"
chmod +x "$tmp/vcpp" "$tmp/vdtc"
for side in gnu viommu; do
  mkdir "$tmp/$side"; (cd "$src" && tar --exclude=.git -cf - .) | tar -xf - -C "$tmp/$side"
done
(cd "$tmp/gnu" && make -j1 all source GCC=gcc DTC="$dtc" > ../gnu.log 2>&1); g=$?
(cd "$tmp/viommu" && make -j1 all source GCC="$tmp/vcpp" DTC="$tmp/vdtc" > ../viommu.log 2>&1); v=$?
files=$(cd "$tmp/gnu" && find LATEST -type f | wc -l)
different=$(diff -rq "$tmp/gnu/LATEST" "$tmp/viommu/LATEST" | wc -l)
diff -rq "$tmp/gnu/LATEST" "$tmp/viommu/LATEST" | head -5
logs=identical; cmp -s "$tmp/gnu.log" "$tmp/viommu.log" || { logs=different; diff "$tmp/gnu.log" "$tmp/viommu.log" | head -10; }
echo "qemu-devicetrees: make exit $g/$v, $files files, $different different, logs $logs"
