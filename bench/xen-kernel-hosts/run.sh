#!/usr/bin/env bash
# Every arm64 board of a kernel tree as a Xen host: a partial tree passing through each device behind an
# arm,smmu-v3 (iommus or iommu-map) is run through `viommu xen partial`, and its output through `xen validate`.
# Prints one line per board (RC0 = both passed, RC1 = refused, with the first message) and a summary.
# Usage: bench/xen-kernel-hosts/run.sh VIOMMU KERNEL   (KERNEL: a devicetree-rebasing checkout, or any folder with
#        src/arm64/VENDOR/*.dts, include/ and prefixes/ as there; DTC=PATH picks the dtc that builds the hosts)
set -uo pipefail
viommu=$(realpath "$1"); kernel=$(realpath "$2"); dtc=${DTC:-dtc}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$kernel"
# only vendors whose sources name an SMMUv3 can have a device behind one
vendors=$(grep -rl "arm,smmu-v3" src/arm64 | cut -d/ -f3 | sort -u)
passed=0; refused=0; none=0
for f in $(for v in $vendors; do find "src/arm64/$v" -name '*.dts'; done | sort); do
  dir=$(dirname "$f")
  cpp -nostdinc -I "$dir" -I prefixes -I include -undef -D__DTS__ -x assembler-with-cpp "$f" > "$tmp/h.i" 2>/dev/null || continue
  "$dtc" -q -O dtb -i "$dir" -o "$tmp/h.dtb" "$tmp/h.i" 2>/dev/null || continue
  "$dtc" -q -I dtb -O dts -o "$tmp/h.dts" "$tmp/h.dtb" 2>/dev/null || continue
  python3 "$here/partial-for-smmuv3.py" "$tmp/h.dts" > "$tmp/p.dts"
  if [ ! -s "$tmp/p.dts" ]; then none=$((none + 1)); continue; fi
  if "$viommu" xen partial --host "$tmp/h.dtb" "$tmp/p.dts" -o "$tmp/o.dts" --xl-cfg "$tmp/xl.cfg" > /dev/null 2> "$tmp/err" \
     && "$viommu" xen validate --host "$tmp/h.dtb" --partial "$tmp/o.dts" --xl-cfg "$tmp/xl.cfg" > "$tmp/err" 2>&1; then
    passed=$((passed + 1)); echo "RC0 $f ($(grep -c xen,path "$tmp/p.dts") devices)"
  else
    refused=$((refused + 1)); echo "RC1 $f :: $(grep -m1 -i 'error\|mismatch' "$tmp/err" | cut -c1-240)"
  fi
done
echo "boards with a device behind an SMMUv3: $((passed + refused)) (passed partial + validate: $passed, refused: $refused); without one: $none"
