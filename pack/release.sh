#!/usr/bin/env bash
# Builds everything a release ships, into OUT (default pack/out):
#   Viommu.Tool.<v>.nupkg      `dotnet tool install --add-source OUT Viommu.Tool` (framework-dependent)
#   Viommu.DtEngine.<v>.nupkg  the engine library with its XML documentation
#   viommu-linux-x64           Native-AOT single binary
#   viommu-linux-arm64         Native-AOT single binary, cross-compiled with clang and lld; on Debian:
#                              apt-get install -y clang lld libc6-dev-arm64-cross libgcc-12-dev-arm64-cross
#                              (checked under qemu-aarch64: the same output bytes as the x64 binary)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-pack/out}
mkdir -p "$out"
dotnet pack src/Viommu -c Release -o "$out" --nologo -v quiet
dotnet pack src/DtEngine -c Release -o "$out" --nologo -v quiet
for rid in linux-x64 linux-arm64; do
  cross=()
  if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then cross=(-p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld); fi
  if dotnet publish src/Viommu -c Release -r "$rid" -o "$out/publish-$rid" --nologo -v quiet "${cross[@]}" > "$out/publish-$rid.log" 2>&1; then
    cp "$out/publish-$rid/viommu" "$out/viommu-$rid"
    echo "viommu-$rid: $(stat -c %s "$out/viommu-$rid") bytes"
  else
    echo "viommu-$rid: not built on this machine (see $out/publish-$rid.log; arm64 needs the cross toolchain above)"
  fi
done
ls -1 "$out"/*.nupkg
