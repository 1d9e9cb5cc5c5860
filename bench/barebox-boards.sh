#!/usr/bin/env bash
# viommu dtc against dtc on barebox's own board sources (arch/ARCH/dts/*.dts), preprocessed and compiled the way
# barebox's scripts/Makefile.lib does (its cpp include paths, -@ -b 0 -d and its -Wno- list), to DTB and to DTS.
# Each run: output, stderr, exit status and dependency file byte for byte, both tools in one folder with the same
# names. Prints each difference and a summary line.
# Usage: bench/barebox-boards.sh VIOMMU BAREBOX   (a barebox checkout: arch/, include/, dts/; DTC=PATH picks dtc)
set -uo pipefail
viommu=$(realpath "$1"); root=$(realpath "$2"); dtc=${DTC:-dtc}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$(realpath "$0")")/lib/dtc-pair.sh"
W="-Wno-unit_address_vs_reg -Wno-unit_address_format -Wno-avoid_unnecessary_addr_size -Wno-alias_paths"
W="$W -Wno-graph_child_address -Wno-simple_bus_reg -Wno-unique_unit_address -Wno-pci_device_reg -Wno-interrupt_provider"
boards=0 same=0 skipped=0 different=0
for dir in "$root"/arch/*/dts; do
  arch=$(basename "$(dirname "$dir")")
  for f in "$dir"/*.dts; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .dts)
    if ! cpp -nostdinc -I"$dir/include" -I"$root/include" -I"$root/dts/include" -I"$root/dts/src/" -I"$dir" -undef \
        -D__DTS__ -x assembler-with-cpp -o "$tmp/b.i" -D"${name//-/_}_dts=1" -include "$f" /dev/null 2>/dev/null; then
      skipped=$((skipped + 1)); continue
    fi
    boards=$((boards + 1)); ok=1
    for o in dtb dts; do
      args=(-O $o -o out -b 0 -i "$dir" $W -@ -i "$root/dts/src/$arch" -i "$root/dts/src/arm/ti/omap" -d dep b.i)
      run_pair "${args[@]}" || {
        ok=0; echo "DIFF -O $o $f (exit $(cat "$tmp/rc.dtc")/$(cat "$tmp/rc.viommu"))"; diff "$tmp/err.dtc" "$tmp/err.viommu" | head -4
      }
    done
    if [ $ok = 1 ]; then same=$((same + 1)); else different=$((different + 1)); fi
  done
done
echo "barebox boards $boards (not preprocessed: $skipped): identical $same, different $different"
