# Sourced by the bench scripts that run dtc and viommu dtc side by side. Needs $tmp (a scratch folder), $dtc and
# $viommu set by the caller.
# run_pair_tool TOOL ARGS...: runs dtc or viommu dtc with ARGS in $tmp; the output "out" and dependency file "dep" it
# writes are kept as out.TOOL / dep.TOOL, its stderr as err.TOOL and its exit status in rc.TOOL.
run_pair_tool() {
  local tool=$1; shift
  rm -f "$tmp/out" "$tmp/dep" "$tmp/out.$tool" "$tmp/dep.$tool"
  if [ "$tool" = dtc ]; then (cd "$tmp" && "$dtc" "$@" 2> "err.$tool"); else (cd "$tmp" && "$viommu" dtc "$@" 2> "err.$tool"); fi
  echo $? > "$tmp/rc.$tool"
  [ -e "$tmp/out" ] && mv "$tmp/out" "$tmp/out.$tool"
  [ -e "$tmp/dep" ] && mv "$tmp/dep" "$tmp/dep.$tool"
  true
}
# run_pair ARGS...: both tools; true when output, dependency file, stderr and exit status are the same bytes
run_pair() {
  run_pair_tool dtc "$@"; run_pair_tool viommu "$@"
  same_pair_file "$tmp/out" && same_pair_file "$tmp/dep" && cmp -s "$tmp/err.dtc" "$tmp/err.viommu" && cmp -s "$tmp/rc.dtc" "$tmp/rc.viommu"
}
# run_options LABEL < LINES: run_pair for each line of dtc options (plus -o out); counts into $runs and
# $differences, and prints each differing line with LABEL and the start of the stderr difference
run_options() {
  local options args
  while IFS= read -r options; do
    runs=$((runs + 1))
    read -ra args <<< "$options"
    run_pair "${args[@]}" -o out || { differences=$((differences + 1)); echo "[$options] $1"; diff "$tmp/err.dtc" "$tmp/err.viommu" | head -3; }
  done
}
# same_pair_file BASE: BASE.dtc and BASE.viommu both absent, or the same bytes
same_pair_file() { if [ -e "$1.dtc" ] || [ -e "$1.viommu" ]; then cmp -s "$1.dtc" "$1.viommu"; fi; }
