#!/usr/bin/env bash
# Regenerates Expected/ from dtc and fdtoverlay (Debian's device-tree-compiler): every base x overlay pair of
# dtc's own overlay test sources (../shared/corpus/dtc-tests) applied by fdtoverlay. A pair fdtoverlay refuses
# is recorded as an empty .fail file. The tests compare viommu's overlay with these files.
set -euo pipefail
cd "$(dirname "$0")"
corpus=${VIOMMU_SHARED:-../../../../shared}/corpus/dtc-tests
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rm -f Expected/*
while read -r base overlays; do
  dtc -@ -I dts -O dtb -o "$tmp/base.dtb" "$corpus/$base.dts"
  args=()
  for o in $overlays; do dtc -@ -I dts -O dtb -o "$tmp/$o.dtbo" "$corpus/$o.dts"; args+=("$tmp/$o.dtbo"); done
  name="$base+${overlays// /+}"
  if fdtoverlay -i "$tmp/base.dtb" -o "Expected/$name.dtb" "${args[@]}" 2>/dev/null; then :; else : > "Expected/$name.fail"; fi
done < pairs.txt
