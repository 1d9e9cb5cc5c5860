#!/usr/bin/env bash
# viommu against GNU cpp and dtc on U-Boot's own board sources (arch/arm/dts/*.dts), preprocessed and compiled the
# way U-Boot's scripts/Makefile.lib does: the board's -u-boot.dtsi appended, its cpp flags (-include
# include/linux/kconfig.h, dts/upstream include folders, -Wp,-MD), then dtc -O dtb -b 0 with its -Wno- list and -d,
# dtc -O dts -s, and dtc -@ -R 4 -p 0x1000. Compares `viommu cpp` with cpp (preprocessed text and dependency file)
# and `viommu dtc` with dtc (output, stderr, exit status, dependency file), byte for byte.
# Usage: bench/uboot-boards.sh VIOMMU UBOOT [STEP]   (a U-Boot checkout; DTC=PATH picks dtc; STEP N takes every
# Nth board). No configuration is needed: empty generated/autoconf.h and config.h stand in for a configured tree's.
set -uo pipefail
viommu=$(realpath "$1"); ub=$(realpath "$2"); step=${3:-1}
dtc=${DTC:-dtc}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$(realpath "$0")")/lib/dtc-pair.sh"
mkdir -p "$tmp/gen/generated" && touch "$tmp/gen/generated/autoconf.h" "$tmp/gen/config.h"
cd "$ub"
up=(-Idts/upstream/src/)
for d in dts/upstream/src/arm/*/ dts/upstream/src/arm/*/*/ dts/upstream/src/arm64/*/ dts/upstream/src/arm64/*/*/; do up+=("-I$d"); done
cppflags=(-nostdinc -Iinclude "-I$tmp/gen" -Iarch/arm/include -include include/linux/kconfig.h -Idts/upstream/include
          -Iarch/arm/dts -Iarch/arm/dts/include "${up[@]}" -D__ASSEMBLY__ -undef -D__DTS__ -x assembler-with-cpp)
W="-Wno-interrupt_provider -Wno-unit_address_vs_reg -Wno-unit_address_format -Wno-avoid_unnecessary_addr_size"
W="$W -Wno-alias_paths -Wno-graph_child_address -Wno-simple_bus_reg -Wno-unique_unit_address -Wno-pci_device_reg"
W="$W -Wno-pci_bridge -Wno-pci_device_bus_num"
n=0 boards=0 cpp_same=0 cpp_diff=0 runs=0 differences=0 skipped=0
for f in arch/arm/dts/*.dts; do
  n=$((n + 1)); [ $((n % step)) = 0 ] || continue
  b=$(basename "$f" .dts)
  cp "$f" "$tmp/pre.dts"
  [ -e "arch/arm/dts/$b-u-boot.dtsi" ] && echo "#include \"$b-u-boot.dtsi\"" >> "$tmp/pre.dts"
  rm -f "$tmp"/g.* "$tmp"/v.*
  cpp "-Wp,-MD,$tmp/g.d" "${cppflags[@]}" -o "$tmp/g.i" "$tmp/pre.dts" 2>/dev/null; g=$?
  "$viommu" cpp "-Wp,-MD,$tmp/v.d" "${cppflags[@]}" -o "$tmp/v.i" "$tmp/pre.dts" 2>/dev/null; v=$?
  # the .d files name their own .i as the target: the same name for both
  [ -e "$tmp/v.d" ] && sed -i "s#$tmp/v\.i#$tmp/g.i#" "$tmp/v.d"
  if [ $g = $v ] && { [ ! -e "$tmp/g.i" ] && [ ! -e "$tmp/v.i" ] || cmp -s "$tmp/g.i" "$tmp/v.i"; } \
     && { [ ! -e "$tmp/g.d" ] && [ ! -e "$tmp/v.d" ] || cmp -s "$tmp/g.d" "$tmp/v.d"; }; then
    cpp_same=$((cpp_same + 1))
  else
    cpp_diff=$((cpp_diff + 1)); echo "CPP DIFF $f (exit $g/$v)"
  fi
  [ $g = 0 ] || { skipped=$((skipped + 1)); continue; }
  cp "$tmp/g.i" "$tmp/b.i"
  boards=$((boards + 1))
  run_options "$f" <<OPTS
-O dtb -b 0 -i $ub/arch/arm/dts -i $ub/arch/arm/dts $W -d dep b.i
-O dts -s -i $ub/arch/arm/dts b.i
-O dtb -@ -i $ub/arch/arm/dts -R 4 -p 0x1000 b.i
OPTS
done
echo "u-boot: cpp $cpp_same identical, $cpp_diff different; dtc $boards boards ($skipped not preprocessed), $runs runs, $differences different"
