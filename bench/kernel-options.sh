#!/usr/bin/env bash
# viommu dtc against dtc with the option sets real builds use, on every STEP-th board of a kernel tree
# (devicetree-rebasing layout, as bench/kernel-conformance.sh): the kernel's own invocation (-b 0, its -Wno- list, -@,
# a dependency file), -H epapr/both, -p/-a/-R/-S/-b, -s, -@ with -A, -T and -T -T, -W/-E, -L, -f, and on dtc's blob
# (built with -@) -s, -@ (labels back from __symbols__), -A. Each run: output, stderr, exit status and the dependency
# file byte for byte, both tools run in one folder with the same names. Prints each difference and a summary line.
# Usage: bench/kernel-options.sh VIOMMU KERNEL [STEP]   (STEP 1 = every board; DTC=PATH picks dtc)
set -uo pipefail
viommu=$(realpath "$1"); kernel=$(realpath "$2"); step=${3:-1}
dtc=${DTC:-dtc}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$(realpath "$0")")/lib/dtc-pair.sh"
cd "$kernel"
prefixes=prefixes; [ -d "$prefixes" ] || prefixes=scripts/dtc/include-prefixes
kernel_warnings="-Wno-unit_address_vs_reg -Wno-avoid_unnecessary_addr_size -Wno-alias_paths -Wno-simple_bus_reg"
n=0 boards=0 runs=0 differences=0
while read -r f; do
  n=$((n + 1)); [ $((n % step)) = 0 ] || continue
  dir=$(realpath "$(dirname "$f")")
  cpp -nostdinc -I "$dir" -I "$prefixes" -I include -undef -D__DTS__ -x assembler-with-cpp "$f" > "$tmp/b.i" 2>/dev/null || continue
  "$dtc" -q -@ -O dtb -i "$dir" -o "$tmp/b.dtb" "$tmp/b.i" 2>/dev/null || continue
  boards=$((boards + 1))
  run_options "$f" <<EOF
-O dtb -b 0 -i $dir $kernel_warnings -@ -d dep b.i
-O dtb -@ -H epapr -i $dir b.i
-O dtb -H both -p 1024 -a 8 -R 3 -i $dir b.i
-O dtb -S 0x40000 -b 2 -i $dir b.i
-O dts -s -i $dir b.i
-O dts -@ -A -i $dir b.i
-O dts -T -i $dir b.i
-O dts -T -T -i $dir b.i
-O dts -i $dir -Wno-unit_address_vs_reg -Eunit_address_format b.i
-O dtb -L -@ -i $dir b.i
-q -O dtb -f -i $dir b.i
-I dtb -O dts -s b.dtb
-I dtb -O dts -@ b.dtb
-I dtb -O dtb -H epapr -@ b.dtb
-I dtb -O dts -A b.dtb
EOF
done < <(find src -name '*.dts' | sort)
echo "boards $boards, runs $runs, differences $differences"
