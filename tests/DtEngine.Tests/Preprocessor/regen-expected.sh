#!/usr/bin/env bash
# Regenerates the expected outputs next to the preprocessor tests from GNU cpp and dtc, run as the kernel
# runs them. The tests compare viommu with these files, so they need neither tool; review a regenerated
# file like code before committing it.
set -euo pipefail
cd "$(dirname "$0")"
flags=(-nostdinc -undef -D__DTS__ -x assembler-with-cpp)
for f in Snippets/*.dts; do
  cpp "${flags[@]}" -ISources/include "$f" > "${f%.dts}.i"
done
(cd Sources && cpp "${flags[@]}" -Iinclude board.dts > board.i && dtc -q -O dtb -b 0 -i . -o board.dtb board.i)
# system headers and the dependency rules (-M, -MM -MP) cpp writes for them
(cd SystemHeaders && sys=(-Iinc -Iinc/soc -isystem sys) && cpp "${flags[@]}" "${sys[@]}" board.dts > board.i &&
  cpp "${flags[@]}" "${sys[@]}" -M board.dts > board.d && cpp "${flags[@]}" "${sys[@]}" -MM -MP board.dts > board-user.d)
# messages in included files and system headers: cpp's stderr, source excerpts included, and its text
(cd Messages && { cpp "${flags[@]}" -isystem sys main.dts 2>&1 >/dev/null || true; } > main.err &&
  cpp "${flags[@]}" -isystem sys main.dts > main.i 2>/dev/null)
