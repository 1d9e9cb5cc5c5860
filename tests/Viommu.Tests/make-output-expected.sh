#!/usr/bin/env bash
# Writes NAME.expected for every case of FOLDER/cases.tsv (AsmOutput, YamlOutput) from dtc 1.8.1, the version
# viommu dtc follows: exit status, stderr, then the output of `dtc -q -O FORMAT OPTIONS SOURCE` run in the folder.
# A blob a case reads (NAME.dtb) is first made from NAME.dts. YamlOutput needs a dtc built with libyaml (0.2.5, as
# Debian builds it). Usage: make-output-expected.sh FOLDER FORMAT PATH-TO-DTC-1.8.1
set -euo pipefail
folder=$1 format=$2 dtc=$3
cd "$(dirname "$0")/$folder"
"$dtc" --version | grep -q 'DTC 1.8.1' || { echo "need dtc 1.8.1" >&2; exit 1; }
if [ "$format" = yaml ]; then "$dtc" --help 2>&1 | grep -q 'yaml - ' || { echo "need a dtc built with libyaml" >&2; exit 1; }; fi
grep -v '^#' cases.tsv | cut -f2 | grep '\.dtb$' | sort -u | while read -r blob; do "$dtc" -q -O dtb -o "$blob" "${blob%.dtb}.dts"; done
grep -v '^#' cases.tsv | while IFS=$'\t' read -r name source options; do
  # shellcheck disable=SC2086  # the options are words
  set +e; "$dtc" -q -O "$format" $options -o "/tmp/$name.out.$$" "$source" 2> "/tmp/$name.err.$$"; rc=$?; set -e
  { echo "exit $rc"; cat "/tmp/$name.err.$$"; echo "--- output"; [ "$rc" = 0 ] && cat "/tmp/$name.out.$$"; true; } > "$name.expected"
  rm -f "/tmp/$name.out.$$" "/tmp/$name.err.$$"
done
