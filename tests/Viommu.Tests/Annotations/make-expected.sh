#!/usr/bin/env bash
# Writes CASE.LEVEL.expected (exit status, stderr, then the DTS output) for every source here, from dtc 1.8.1 run in
# this folder with -T (LEVEL 1, names shortened against the first file) and -T -T (LEVEL 2, names as read).
# Usage: make-expected.sh PATH-TO-DTC-1.8.1
set -euo pipefail
dtc=$1
cd "$(dirname "$0")"
"$dtc" --version | grep -q 'DTC 1.8.1' || { echo "need dtc 1.8.1" >&2; exit 1; }
for src in board/include-main.dts cpp-markers.i; do
  name=$(basename "${src%.*}")
  for level in 1 2; do
    flags=(-T); [ $level = 2 ] && flags=(-T -T)
    set +e; "$dtc" -O dts "${flags[@]}" "$src" > "/tmp/$name.out.$$" 2> "/tmp/$name.err.$$"; rc=$?; set -e
    { echo "exit $rc"; cat "/tmp/$name.err.$$"; echo "--- output"; cat "/tmp/$name.out.$$"; } > "$name.$level.expected"
    rm -f "/tmp/$name.out.$$" "/tmp/$name.err.$$"
  done
done
