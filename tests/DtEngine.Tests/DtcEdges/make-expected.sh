#!/usr/bin/env bash
# Writes NAME.expected for every NAME.dts here from dtc 1.8.1 (the version viommu dtc follows):
# exit status, stderr, then the DTS output. Usage: make-expected.sh PATH-TO-DTC-1.8.1
set -euo pipefail
dtc=$1
cd "$(dirname "$0")"
"$dtc" --version | grep -q 'DTC 1.8.1' || { echo "need dtc 1.8.1" >&2; exit 1; }
for src in *.dts; do
  name=${src%.dts}
  set +e; "$dtc" -I dts -O dts -o "/tmp/$name.out.$$" "$src" 2> "/tmp/$name.err.$$"; rc=$?; set -e
  { echo "exit $rc"; cat "/tmp/$name.err.$$"; echo "--- output"; [ "$rc" = 0 ] && cat "/tmp/$name.out.$$"; true; } > "$name.expected"
  rm -f "/tmp/$name.out.$$" "/tmp/$name.err.$$"
done
