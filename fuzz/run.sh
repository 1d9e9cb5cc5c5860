#!/usr/bin/env bash
# Fuzzes each reader with SharpFuzz + AFL++ for a set time and prints executions, crashes and hangs per target.
# Usage: fuzz/run.sh SECONDS [TARGET...]     (targets: dtb dts cpp lops-dts lops-yaml system-spec scenario; default all)
# FUZZ_JOBS=N runs N targets at once (one core each; default 1); FUZZ_BIN=DIR builds the instrumented target there.
# Findings stay in fuzz/out/TARGET/default/{crashes,hangs}; replay one with
#   dotnet fuzz/out/bin/Viommu.Fuzz.dll TARGET < FILE
# and turn it into a regression test. Needs afl++ (apt-get install -y afl++) and the SharpFuzz tool (installed here).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}; shift
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(dtb dts cpp lops-dts lops-yaml system-spec scenario)
shared=${VIOMMU_SHARED:-../shared}
export PATH="$PATH:$HOME/.dotnet/tools"
command -v afl-fuzz > /dev/null || { apt-get install -y afl++ > /dev/null; }
command -v sharpfuzz > /dev/null || dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 > /dev/null

bin=${FUZZ_BIN:-fuzz/out/bin}   # another folder lets a second run start while one is going
rm -rf "$bin"
dotnet publish fuzz/Viommu.Fuzz -c Release -o "$bin" > /dev/null
for dll in DtEngine Lops SmmuModel YamlDotNet; do sharpfuzz "$bin/$dll.dll" > /dev/null; done

seed() { # TARGET DIR: a small corpus from the repository and the shared corpus
  local dir=$2; mkdir -p "$dir"
  case $1 in
    dtb) cp "$shared"/corpus/boards/juno-r1.dtb "$shared"/corpus/boards/fvp-base-revc.dtb "$dir"/
         find "$shared/corpus/dtc-tests" -name '*.dtb' -size -4k | head -20 | xargs -r cp -t "$dir" || true ;;
    dts) find "$shared/corpus/dtc-tests" -name '*.dts' -size -3k | head -40 | xargs -r cp -t "$dir" || true ;;
    cpp) cp tests/DtEngine.Tests/Preprocessor/Snippets/*.dts "$dir"/ ;;
    lops-dts) cp tests/Lops.Tests/Runtime/BoardLops/*.dts "$dir"/ ;;
    lops-yaml) cp lops/*.yaml fuzz/seeds/lops-yaml/*.yaml "$dir"/ ;;
    system-spec) cp examples/xen/system/system.yaml "$dir"/; cp examples/xen/boards/*.yaml "$dir"/ ;;
    scenario) cp examples/smmu/*.yaml "$dir"/ ;;
  esac
}

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
fuzz_one() {
  local t=$1
  rm -rf "fuzz/out/$t"; seed "$t" "fuzz/out/$t/in"
  afl-fuzz -V "$seconds" -t 10000 -m none -i "fuzz/out/$t/in" -o "fuzz/out/$t" -- dotnet "$bin/Viommu.Fuzz.dll" "$t" > "fuzz/out/$t.log" 2>&1 || true
}
jobs_max=${FUZZ_JOBS:-1}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  echo "$(date -u +%H:%M:%S) fuzzing $t for $seconds s" >&2
  fuzz_one "$t" &
done
wait
printf '%-12s %12s %10s %8s %6s %10s\n' target executions exec/s crashes hangs seconds
for t in "${targets[@]}"; do
  stats=fuzz/out/$t/default/fuzzer_stats
  if [ ! -f "$stats" ]; then echo "$t: afl-fuzz did not start (fuzz/out/$t.log)"; continue; fi
  get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  printf '%-12s %12s %10s %8s %6s %10s\n' "$t" "$(get execs_done)" "$(get execs_per_sec)" "$(get saved_crashes)" "$(get saved_hangs)" \
    "$(get run_time)"
done
