#!/usr/bin/env bash
# Runs Lopper and viommu on the same lop files and inputs and compares the resulting trees
# (both outputs normalised with 'viommu dtc -O dts'), and times both.
# Needs a Lopper checkout (LOPPER=/path/to/lopper) and Debian's python3-libfdt, python3-ruamel.yaml,
# python3-humanfriendly. Usage: bench/lopper-compare.sh INPUT.dtb LOPFILE...
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
lopper=${LOPPER:?set LOPPER to a Lopper checkout}
input=$1; shift
viommu=(dotnet "$here/src/Viommu/bin/Release/net10.0/viommu.dll")
[ -f "${viommu[1]}" ] || dotnet build -c Release "$here/src/Viommu" -v q >/dev/null
work=$(mktemp -d)
same=0; differ=0; failed=0
for lop in "$@"; do
  name=$(basename "$lop" .dts)
  mkdir -p "$work/$name/lopper" "$work/$name/viommu"
  t0=$(date +%s%N)
  (cd "$lopper" && /usr/bin/python3 -m lopper -f -O "$work/$name/lopper" -i "$lop" "$input" "$work/$name/lopper/out.dts" >"$work/$name/lopper.log" 2>&1)
  lrc=$?; t1=$(date +%s%N)
  "${viommu[@]}" lopper -f -O "$work/$name/viommu" -i "$lop" "$input" "$work/$name/viommu/out.dts" >"$work/$name/viommu.log" 2>&1
  vrc=$?; t2=$(date +%s%N)
  if [ $lrc -ne 0 ] || [ $vrc -ne 0 ]; then
    echo "$name: lopper exit $lrc, viommu exit $vrc"; failed=$((failed+1)); continue
  fi
  ok=1
  # Lopper also leaves its preprocessed lop files (*.pp) in the output folder; trees only.
  for f in $(cd "$work/$name/lopper" && ls | grep -v '\.pp$'); do
    # Through a blob and back: references become phandle values, and -s sorts (Lopper reverses
    # property order), so the trees compare, not the texts.
    "${viommu[@]}" dtc -q -I dts -O dtb -o "$work/a.dtb" "$work/$name/lopper/$f" 2>/dev/null
    "${viommu[@]}" dtc -q -I dts -O dtb -o "$work/b.dtb" "$work/$name/viommu/$f" 2>/dev/null
    a=$("${viommu[@]}" dtc -q -s -I dtb -O dts "$work/a.dtb" 2>/dev/null)
    b=$("${viommu[@]}" dtc -q -s -I dtb -O dts "$work/b.dtb" 2>/dev/null)
    [ "$a" = "$b" ] || { ok=0; echo "$name: $f differs"; diff <(echo "$a") <(echo "$b") | head -10; }
  done
  ms_l=$(( (t1-t0)/1000000 )); ms_v=$(( (t2-t1)/1000000 ))
  if [ $ok = 1 ]; then same=$((same+1)); echo "$name: same tree (lopper ${ms_l} ms, viommu ${ms_v} ms)"; else differ=$((differ+1)); fi
done
echo "$same same, $differ differ, $failed failed"
rm -rf "$work"
