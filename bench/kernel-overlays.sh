#!/usr/bin/env bash
# viommu against dtc and fdtoverlay on every overlay (.dtso) of a kernel tree (devicetree-rebasing layout):
# DTSO->DTBO with -@ (output, stderr, exit status), the blob back to DTS, and the overlay applied to the board whose
# name is the longest prefix of the overlay's in its folder (fdtoverlay's output and exit status; the board built by
# dtc with -@). Prints each difference and a summary line.
# Usage: bench/kernel-overlays.sh VIOMMU KERNEL   (DTC=PATH, FDTOVERLAY=PATH pick the reference tools)
set -uo pipefail
viommu=$(realpath "$1"); kernel=$(realpath "$2")
dtc=${DTC:-dtc}; fdtoverlay=${FDTOVERLAY:-fdtoverlay}
# an fdtoverlay built in a dtc checkout links the system's libfdt (Debian's is 1.6.1) unless its own goes first
libfdt=$(dirname "$(command -v "$fdtoverlay")")/libfdt
[ -d "$libfdt" ] && export LD_LIBRARY_PATH="$libfdt${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$(realpath "$0")")/lib/dtc-pair.sh"
cd "$kernel"
prefixes=prefixes; [ -d "$prefixes" ] || prefixes=scripts/dtc/include-prefixes
pp() { cpp -nostdinc -I "$(dirname "$1")" -I "$prefixes" -I include -undef -D__DTS__ -x assembler-with-cpp "$1" > "$2" 2>/dev/null; }
overlays=0 compiled=0 decompiled=0 applied=0 applied_same=0 no_base=0 differences=0
while read -r f; do
  overlays=$((overlays + 1)); dir=$(dirname "$f")
  pp "$f" "$tmp/o.i" || continue
  if run_pair -@ -O dtb -i "$kernel/$dir" -o out o.i; then compiled=$((compiled + 1))
  else differences=$((differences + 1)); echo "DTSO->DTBO $f"; fi
  [ -e "$tmp/out.dtc" ] || continue
  mv "$tmp/out.dtc" "$tmp/o.dtbo"
  "$dtc" -I dtb -O dts "$tmp/o.dtbo" > "$tmp/s.dtc" 2>&1; "$viommu" dtc -I dtb -O dts "$tmp/o.dtbo" > "$tmp/s.viommu" 2>&1
  if cmp -s "$tmp/s.dtc" "$tmp/s.viommu"; then decompiled=$((decompiled + 1)); else differences=$((differences + 1)); echo "DTBO->DTS $f"; fi
  name=$(basename "$f" .dtso); base=""
  for b in "$dir"/*.dts; do
    [ -e "$b" ] || continue
    bn=$(basename "$b" .dts)
    case "$name" in "$bn"*) [ ${#bn} -gt ${#base} ] && base=$bn ;; esac
  done
  [ -n "$base" ] || { no_base=$((no_base + 1)); continue; }
  pp "$dir/$base.dts" "$tmp/b.i" && "$dtc" -q -@ -O dtb -i "$kernel/$dir" -o "$tmp/b.dtb" "$tmp/b.i" 2>/dev/null || continue
  rm -f "$tmp/a.dtc" "$tmp/a.viommu"
  "$fdtoverlay" -i "$tmp/b.dtb" -o "$tmp/a.dtc" "$tmp/o.dtbo" > /dev/null 2>&1; r1=$?
  "$viommu" overlay -i "$tmp/b.dtb" -o "$tmp/a.viommu" "$tmp/o.dtbo" > /dev/null 2>&1; r2=$?
  applied=$((applied + 1))
  if [ $r1 = $r2 ] && same_pair_file "$tmp/a"; then applied_same=$((applied_same + 1))
  else differences=$((differences + 1)); echo "APPLY (exit $r1/$r2) $f on $base"; fi
done < <(find src -name '*.dtso' | sort)
echo "overlays $overlays: DTSO->DTBO identical $compiled, DTBO->DTS identical $decompiled; applied to a board $applied (none found for $no_base), identical $applied_same; differences $differences"
