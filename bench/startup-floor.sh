#!/usr/bin/env bash
# The start-up floor: an empty DTS->DTB run of viommu dtc against dtc and against a minimal Native-AOT program
# built with viommu's start-up settings that only writes a 4-byte file. Instructions (valgrind, whole process)
# and CPU time / page faults (perf stat, 200 runs). Usage: bench/startup-floor.sh   (DTC=PATH picks dtc)
# A fourth program is viommu's dtc command built alone (DtEngine and the dtc command's files, no Lops, SmmuModel or
# System.CommandLine root): what the rest of the tool costs every dtc run, since a Native-AOT image allocates the
# static fields of every type it holds before Main. It also counts a DTB->DTS of the smallest board tree.
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
mkdir -p "$out/dtc-alone"
src=$(pwd)/src
sed -e 's#<OutputType>#<AssemblyName>viommu</AssemblyName><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><OutputType>#' \
    -e "s#</Project>#<ItemGroup><DirectPInvoke Include=\"libc.so.6\" /><PackageReference Include=\"System.CommandLine\" Version=\"3.0.0\" /><ProjectReference Include=\"$src/DtEngine/DtEngine.csproj\" /><Compile Include=\"$src/Viommu/Commands/DtcCommand.cs;$src/Viommu/Commands/GetOpt.cs;$src/Viommu/Commands/OutputWriter.cs;$src/Viommu/Commands/ForeignCommands.cs;$src/Viommu/RunMemory.cs;$src/Viommu/HugeHeapPages.cs;$src/Viommu/VersionInfo.cs;$src/Viommu/Commands/StandardOutput.cs;$src/Viommu/Commands/ErrorOutput.cs\" /></ItemGroup></Project>#" \
    "$out/min/min.csproj" > "$out/dtc-alone/dtc-alone.csproj"
echo 'public static class Entry { public static int Main(string[] args) => Viommu.Cli.Commands.DtcCommand.Run(args[1..]); }' > "$out/dtc-alone/Main.cs"
dotnet publish "$out/dtc-alone" -c Release -o "$out/dtc-alone/bin" > /dev/null
# valgrind stops counting when it finds the separate debug file beside a binary: count copies alone
cp bench/results/bin/viommu "$out/alone/viommu"; cp "$out/min/bin/min" "$out/alone/min"
mkdir -p "$out/alone/dtc-alone"; cp "$out/dtc-alone/bin/viommu" "$out/alone/dtc-alone/viommu"
printf '/dts-v1/;\n/ { };\n' > "$out/empty.dts"
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }'; }
stat() { perf stat -r 200 -e task-clock,page-faults "$@" 2>&1 >/dev/null | awk '/task-clock/ { c = $1 } /page-faults/ { f = $1 } END { printf "%s ms, %s page faults", c, f }'; }
printf '%-28s %12s  %s\n' program instructions "CPU per run (perf stat, 200 runs)"
printf '%-28s %12s  %s\n' "dtc, empty DTS->DTB" "$(count "$dtc" -q -O dtb -o "$out/e.dtb" "$out/empty.dts")" "$(stat "$dtc" -q -O dtb -o "$out/e.dtb" "$out/empty.dts")"
printf '%-28s %12s  %s\n' "minimal Native-AOT program" "$(count "$out/alone/min" "$out/m.bin")" "$(stat "$out/alone/min" "$out/m.bin")"
printf '%-28s %12s  %s\n' "viommu dtc, empty DTS->DTB" "$(count "$out/alone/viommu" dtc -q -O dtb -o "$out/e.dtb" "$out/empty.dts")" "$(stat "$out/alone/viommu" dtc -q -O dtb -o "$out/e.dtb" "$out/empty.dts")"
printf '%-28s %12s  %s\n' "viommu dtc built alone" "$(count "$out/alone/dtc-alone/viommu" dtc -q -O dtb -o "$out/e.dtb" "$out/empty.dts")" "$(stat "$out/alone/dtc-alone/viommu" dtc -q -O dtb -o "$out/e.dtb" "$out/empty.dts")"
small=$(ls -S "${VIOMMU_BOARDS:-../shared/corpus/boards}"/*.dtb | tail -n 1)
echo "DTB->DTS of $(basename "$small"):"
row() { # LABEL PROGRAM...: one DTB->DTS of the small board
  local label=$1; shift
  printf '%-28s %12s  %s\n' "$label" "$(count "$@" -q -I dtb -O dts -o "$out/o.dts" "$small")" "$(stat "$@" -q -I dtb -O dts -o "$out/o.dts" "$small")"
}
row dtc "$dtc"
row "viommu dtc" "$out/alone/viommu" dtc
row "viommu dtc built alone" "$out/alone/dtc-alone/viommu" dtc
