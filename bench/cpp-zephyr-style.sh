#!/usr/bin/env bash
# `viommu cpp` against GNU cpp, invoked the way Zephyr's dt_preprocess() invokes it: every include folder given with
# -isystem (so every header is a system header: " 3 4" line markers, names canonicalised through links), the board
# by -include with an absolute name, an empty main file, -MD -MF. Compares the text and the dependency file byte for
# byte. Usage: bench/cpp-zephyr-style.sh VIOMMU ROOT FILE.dts...   (ROOT: a kernel tree in devicetree-rebasing
# layout with include/ and prefixes/ (the kernel's include-prefixes); FILEs relative to ROOT)
set -u
viommu=$(realpath "$1"); root=$(realpath "$2"); shift 2
tmp=$(mktemp -d); touch $tmp/empty_file.c
same=0 diff=0
for f in "$@"; do
  d=$(dirname "$root/$f")
  flags=(-x assembler-with-cpp -nostdinc -isystem "$d" -isystem "$root/include" -isystem "$root/prefixes" -include "$root/$f" -undef -D__DTS__)
  rm -f $tmp/g.* $tmp/v.*
  cpp "${flags[@]}" -MD -MF $tmp/g.d -o $tmp/g.i $tmp/empty_file.c 2>/dev/null; g=$?
  "$viommu" cpp "${flags[@]}" -MD -MF $tmp/v.d -o $tmp/v.i $tmp/empty_file.c 2>/dev/null; v=$?
  [ -e $tmp/v.d ] && sed -i "s#$tmp/v.i#$tmp/g.i#" $tmp/v.d
  if [ $g = $v ] && cmp -s $tmp/g.i $tmp/v.i && cmp -s $tmp/g.d $tmp/v.d; then same=$((same+1)); else diff=$((diff+1)); echo "DIFF $f ($g/$v)"; diff "$tmp/g.d" "$tmp/v.d" | head -4; fi
done
echo "zephyr-style: $same identical, $diff different"
rm -rf $tmp
