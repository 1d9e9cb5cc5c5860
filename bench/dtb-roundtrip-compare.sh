#!/usr/bin/env bash
# Compares viommu dtc with dtc on blobs: DTB -> DTS and DTB -> DTB, byte for byte, for every .dtb given
# (or found under a folder). Prints differences and a summary line.
# Usage: bench/dtb-roundtrip-compare.sh VIOMMU (FOLDER | FILE.dtb...)
set -u
viommu=$(realpath "$1"); shift
files=()
for a in "$@"; do
  if [ -d "$a" ]; then mapfile -t -O "${#files[@]}" files < <(find "$a" -name '*.dtb' | sort); else files+=("$a"); fi
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
total=0 dts=0 dtb=0
for f in "${files[@]}"; do
  total=$((total + 1))
  dtc -q -I dtb -O dts -o "$tmp/g.dts" "$f" 2>/dev/null; "$viommu" dtc -q -I dtb -O dts -o "$tmp/m.dts" "$f" 2>/dev/null
  if cmp -s "$tmp/g.dts" "$tmp/m.dts"; then dts=$((dts + 1)); else echo "DTS-DIFF $f"; fi
  dtc -q -I dtb -O dtb -o "$tmp/g.dtb" "$f" 2>/dev/null; "$viommu" dtc -q -I dtb -O dtb -o "$tmp/m.dtb" "$f" 2>/dev/null
  if cmp -s "$tmp/g.dtb" "$tmp/m.dtb"; then dtb=$((dtb + 1)); else echo "DTB-DIFF $f"; fi
done
echo "blobs $total: DTB->DTS identical $dts/$total, DTB->DTB identical $dtb/$total"
