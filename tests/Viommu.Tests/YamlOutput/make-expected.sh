#!/usr/bin/env bash
# Writes NAME.expected for every case of cases.tsv from dtc 1.8.1 built with libyaml 0.2.5 (as Debian builds it):
# exit status, stderr, then the YAML output. values.dtb (the blob case's input) is made from values.dts first.
# Usage: make-expected.sh PATH-TO-DTC-1.8.1-WITH-YAML
set -euo pipefail
dtc=$1
cd "$(dirname "$0")"
"$dtc" --version | grep -q 'DTC 1.8.1' || { echo "need dtc 1.8.1" >&2; exit 1; }
"$dtc" --help 2>&1 | grep -q 'yaml - ' || { echo "need a dtc built with libyaml" >&2; exit 1; }
"$dtc" -q -O dtb -o values.dtb values.dts
grep -v '^#' cases.tsv | while IFS=$'\t' read -r name source options; do
  # shellcheck disable=SC2086  # the options are words
  set +e; "$dtc" -q -O yaml $options -o "/tmp/$name.out.$$" "$source" 2> "/tmp/$name.err.$$"; rc=$?; set -e
  { echo "exit $rc"; cat "/tmp/$name.err.$$"; echo "--- output"; [ "$rc" = 0 ] && cat "/tmp/$name.out.$$"; true; } > "$name.expected"
  rm -f "/tmp/$name.out.$$" "/tmp/$name.err.$$"
done
