#!/usr/bin/env bash
# Regenerates Expected/ from dtc and fdtoverlay 1.8.1 (DTC=... FDTOVERLAY=..., e.g. built from dgibson/dtc v1.8.1:
# libfdt 1.7.1 and later keep a base node's phandle when an overlay node lands on it; Debian's 1.6.1 does not):
# every base x overlay pair of pairs.txt, from Sources/ (cases made here) or else dtc's own test sources
# (../shared/corpus/dtc-tests), applied by fdtoverlay.
# A pair fdtoverlay refuses is recorded as an empty .fail file. The tests compare viommu's overlay with these files.
# Sources are compiled with -f (a case may hold what dtc's checks refuse). An fdtoverlay built in a dtc checkout links
# the system's libfdt unless told otherwise: the libfdt/ folder beside it goes first on LD_LIBRARY_PATH.
set -euo pipefail
cd "$(dirname "$0")"
corpus=${VIOMMU_SHARED:-../../../../shared}/corpus/dtc-tests
dtc=${DTC:-dtc}; fdtoverlay=${FDTOVERLAY:-fdtoverlay}
libfdt=$(dirname "$(command -v "$fdtoverlay")")/libfdt
[ -d "$libfdt" ] && export LD_LIBRARY_PATH="$libfdt${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$fdtoverlay" --version 2>&1 | grep -q 'DTC 1\.\(7\.[1-9]\|[89]\)' || echo "warning: $fdtoverlay is older than 1.7.1; the phandle pairs will differ" >&2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rm -f Expected/*
source_of() { if [ -e "Sources/$1.dts" ]; then echo "Sources/$1.dts"; else echo "$corpus/$1.dts"; fi; }
while read -r base overlays; do
  "$dtc" -q -f -@ -I dts -O dtb -o "$tmp/base.dtb" "$(source_of "$base")"
  args=()
  for o in $overlays; do "$dtc" -q -f -@ -I dts -O dtb -o "$tmp/$o.dtbo" "$(source_of "$o")"; args+=("$tmp/$o.dtbo"); done
  name="$base+${overlays// /+}"
  if "$fdtoverlay" -i "$tmp/base.dtb" -o "Expected/$name.dtb" "${args[@]}" 2>/dev/null; then :; else : > "Expected/$name.fail"; fi
done < pairs.txt
