#!/usr/bin/env bash
# viommu dtc against dtc on every board of a kernel tree (devicetree-rebasing layout: src/ARCH/**/*.dts, include/,
# prefixes/ or scripts/dtc/include-prefixes), each preprocessed once by cpp:
#   DTS->DTB and DTS->ASM, then on dtc's blob DTB->DTS, DTB->DTB and DTB->ASM (output and stderr, -q), byte for byte;
#   DTS->DTS with warnings: output, exit status and every message (both tools write to the same output name,
#   which dtc prints in some warnings).
# Prints each difference and one summary line per architecture.
# Usage: bench/kernel-conformance.sh VIOMMU KERNEL [ARCH...]   (default: every folder under src/; DTC=PATH picks dtc)
set -uo pipefail
viommu=$(realpath "$1"); kernel=$(realpath "$2"); shift 2
dtc=${DTC:-dtc}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$kernel"
prefixes=prefixes; [ -d "$prefixes" ] || prefixes=scripts/dtc/include-prefixes
archs=("$@"); [ ${#archs[@]} -gt 0 ] || mapfile -t archs < <(ls src)
# run TOOL ARGS...: output to $tmp/out, renamed to $tmp/out.TOOL; stderr to $tmp/err.TOOL; exit status echoed
run() {
  local tool=$1; shift
  rm -f "$tmp/out"
  if [ "$tool" = dtc ]; then "$dtc" "$@" -o "$tmp/out" 2> "$tmp/err.$tool"; else "$viommu" dtc "$@" -o "$tmp/out" 2> "$tmp/err.$tool"; fi
  local rc=$?
  if [ -e "$tmp/out" ]; then mv -f "$tmp/out" "$tmp/out.$tool"; else rm -f "$tmp/out.$tool"; fi
  echo "$rc"
}
same() { cmp -s "$tmp/out.dtc" "$tmp/out.viommu" && cmp -s "$tmp/err.dtc" "$tmp/err.viommu"; }
for arch in "${archs[@]}"; do
  boards=0 three=0 messages=0 skipped=0
  while read -r f; do
    dir=$(dirname "$f")
    if ! cpp -nostdinc -I "$dir" -I "$prefixes" -I include -undef -D__DTS__ -x assembler-with-cpp "$f" > "$tmp/b.i" 2>/dev/null \
       || ! "$dtc" -q -O dtb -i "$dir" -o "$tmp/b.dtb" "$tmp/b.i" 2>/dev/null; then
      skipped=$((skipped + 1)); continue
    fi
    boards=$((boards + 1)); ok=1
    run viommu -q -O dtb -i "$dir" "$tmp/b.i" > /dev/null
    cmp -s "$tmp/b.dtb" "$tmp/out.viommu" || { ok=0; echo "DTS->DTB $f"; }
    run dtc -q -O asm -i "$dir" "$tmp/b.i" > /dev/null; run viommu -q -O asm -i "$dir" "$tmp/b.i" > /dev/null
    same || { ok=0; echo "DTS->ASM $f"; }
    for o in dts dtb asm; do
      run dtc -q -I dtb -O $o "$tmp/b.dtb" > /dev/null; run viommu -q -I dtb -O $o "$tmp/b.dtb" > /dev/null
      same || { ok=0; echo "DTB->${o^^} $f"; }
    done
    [ $ok = 1 ] && three=$((three + 1))
    a=$(run dtc -O dts -i "$dir" "$tmp/b.i"); b=$(run viommu -O dts -i "$dir" "$tmp/b.i")
    if [ "$a" = "$b" ] && same; then messages=$((messages + 1)); else echo "DTS->DTS (exit $a/$b) $f"; diff "$tmp/err.dtc" "$tmp/err.viommu" | head -4; fi
  done < <(find "src/$arch" -name '*.dts' | sort)
  echo "$arch: boards $boards (not built by dtc: $skipped): identical in DTS->DTB, DTS->ASM, DTB->DTS, DTB->DTB and DTB->ASM $three; DTS->DTS with exit status and messages $messages"
done
