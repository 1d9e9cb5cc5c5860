#!/usr/bin/env bash
# Compares `viommu cpp` and `viommu dtc --cpp` with GNU cpp (+ dtc) on a tree of device-tree sources.
# Usage: bench/cpp-compare.sh VIOMMU ROOT [-I DIR]... [FILE.dts...]
#   VIOMMU  the viommu executable (e.g. from `dotnet publish src/Viommu -c Release -o DIR`)
#   ROOT    the folder the sources and -I folders are relative to (e.g. a kernel checkout)
#   -I DIR  extra include folders (relative to ROOT), added after the board's own folder
# Without files, every .dts under ROOT is tried. Prints per-file differences and a summary:
#   text: preprocessed text equal token for token (white space normalised, line markers dropped)
#   exact: preprocessed text byte-identical
#   dtb: viommu dtc --cpp -O dtb -b 0 equal to cpp | dtc -O dtb -b 0
set -u
viommu=$(realpath "$1"); root=$2; shift 2
includes=()
files=()
while [ $# -gt 0 ]; do
  case $1 in
    -I) includes+=("$2"); shift 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
cd "$root" || exit 2
if [ ${#files[@]} -eq 0 ]; then mapfile -t files < <(find . -name '*.dts' -printf '%P\n' | sort); fi
command -v cpp >/dev/null && command -v dtc >/dev/null || { echo "needs cpp and dtc (apt-get install -y cpp device-tree-compiler)"; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
norm() { grep -v '^# [0-9]' "$1" | tr -s ' \t\n' '\n\n\n' | grep -v '^$'; }
total=0 cppok=0 text=0 exact=0 dtbok=0 dtb=0
for f in "${files[@]}"; do
  dir=$(dirname "$f")
  inc=(-I "$dir"); cinc=(--cpp-include "$dir")
  for i in "${includes[@]}"; do inc+=(-I "$i"); cinc+=(--cpp-include "$i"); done
  total=$((total + 1))
  cpp -nostdinc "${inc[@]}" -undef -D__DTS__ -x assembler-with-cpp "$f" > "$tmp/gnu.i" 2>/dev/null || continue
  cppok=$((cppok + 1))
  if ! "$viommu" cpp -nostdinc "${inc[@]}" -undef -D__DTS__ -x assembler-with-cpp "$f" -o "$tmp/mine.i" 2> "$tmp/err"; then
    echo "CPP-FAIL $f: $(head -3 "$tmp/err")"; continue
  fi
  if cmp -s "$tmp/gnu.i" "$tmp/mine.i"; then exact=$((exact + 1)); fi
  if diff -q <(norm "$tmp/gnu.i") <(norm "$tmp/mine.i") >/dev/null; then text=$((text + 1)); else echo "TEXT-DIFF $f"; fi
  if dtc -q -O dtb -b 0 -i "$dir" -o "$tmp/gnu.dtb" "$tmp/gnu.i" 2>/dev/null; then
    dtbok=$((dtbok + 1))
    if "$viommu" dtc -q --cpp "${cinc[@]}" -O dtb -b 0 -i "$dir" -o "$tmp/mine.dtb" "$f" 2>/dev/null && cmp -s "$tmp/gnu.dtb" "$tmp/mine.dtb"; then
      dtb=$((dtb + 1))
    else echo "DTB-DIFF $f"; fi
  fi
done
echo "files $total, cpp accepts $cppok: text equal $text/$cppok, byte-identical $exact/$cppok; dtc accepts $dtbok: dtb identical $dtb/$dtbok"
