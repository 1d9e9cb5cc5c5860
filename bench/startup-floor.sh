#!/usr/bin/env bash
# The start-up floor: an empty DTS->DTB run of viommu dtc against dtc and against a minimal Native-AOT program
# built with viommu's start-up settings that only writes a 4-byte file. Instructions (valgrind, whole process)
# and CPU time / page faults (perf stat, 200 runs). Usage: bench/startup-floor.sh   (DTC=PATH picks dtc)
set -euo pipefail
cd "$(dirname "$0")/.."
dtc=${DTC:-dtc}
out=bench/results/floor
mkdir -p "$out/min" "$out/alone"
dotnet publish src/Viommu -c Release -o bench/results/bin > /dev/null
cat > "$out/min/min.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <PublishAot>true</PublishAot>
    <ConcurrentGarbageCollection>false</ConcurrentGarbageCollection>
    <IlcDehydrate>false</IlcDehydrate>
    <PositionIndependentExecutable>false</PositionIndependentExecutable>
    <UseSystemResourceKeys>true</UseSystemResourceKeys>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
</Project>
XML
echo 'System.IO.File.WriteAllBytes(args[0], new byte[] { 0xd0, 0x0d, 0xfe, 0xed });' > "$out/min/Program.cs"
dotnet publish "$out/min" -c Release -o "$out/min/bin" > /dev/null
# valgrind stops counting when it finds the separate debug file beside a binary: count copies alone
cp bench/results/bin/viommu "$out/alone/viommu"; cp "$out/min/bin/min" "$out/alone/min"
printf '/dts-v1/;\n/ { };\n' > "$out/empty.dts"
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }'; }
stat() { perf stat -r 200 -e task-clock,page-faults "$@" 2>&1 >/dev/null | awk '/task-clock/ { c = $1 } /page-faults/ { f = $1 } END { printf "%s ms, %s page faults", c, f }'; }
printf '%-28s %12s  %s\n' program instructions "CPU per run (perf stat, 200 runs)"
printf '%-28s %12s  %s\n' "dtc, empty DTS->DTB" "$(count "$dtc" -q -O dtb -o "$out/e.dtb" "$out/empty.dts")" "$(stat "$dtc" -q -O dtb -o "$out/e.dtb" "$out/empty.dts")"
printf '%-28s %12s  %s\n' "minimal Native-AOT program" "$(count "$out/alone/min" "$out/m.bin")" "$(stat "$out/alone/min" "$out/m.bin")"
printf '%-28s %12s  %s\n' "viommu dtc, empty DTS->DTB" "$(count "$out/alone/viommu" dtc -q -O dtb -o "$out/e.dtb" "$out/empty.dts")" "$(stat "$out/alone/viommu" dtc -q -O dtb -o "$out/e.dtb" "$out/empty.dts")"
