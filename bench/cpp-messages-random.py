#!/usr/bin/env python3
"""viommu cpp's messages against GNU cpp's on random include trees.

Usage: bench/cpp-messages-random.py VIOMMU SEED COUNT

Each case is a main file and up to six headers (some in a -isystem folder) holding #warning, includes of later
headers (so a header can be included several times), macro redefinitions, #error, '#endif x', a multi-character
constant in #if, '#undef __LINE__' and '#pragma GCC system_header'. The run is
`cpp -nostdinc -undef -x assembler-with-cpp -isystem sys main.dts`; stderr is compared byte for byte (source excerpts
included), with the exit status and standard output (cpp writes the text so far when it fails). Prints each of the first three
differing cases and a summary line.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile



def case_files(rnd):
    count = rnd.randint(2, 6)
    names = [f"f{i}.h" for i in range(count)]
    system = set(rnd.sample(names, rnd.randint(0, 2)))

    def body(index):
        lines = []
        for _ in range(rnd.randint(1, 12)):
            r = rnd.random()
            if r < 0.25:
                lines.append(f"#warning w{rnd.randint(0, 99)}")
            elif r < 0.55:
                target = rnd.randint(index + 1, count)
                if target < count:
                    name = names[target]
                    lines.append(f"#include <{name}>" if name in system else f'#include "{name}"')
            elif r < 0.6:
                lines.append(f"#define M{rnd.randint(0, 2)} {rnd.randint(0, 1)}")
            elif r < 0.65:
                lines.append("#if 1\n#endif x")
            elif r < 0.7:
                lines.append("#if 'ab'\n#endif")
            elif r < 0.75:
                lines.append("#undef __LINE__")
            elif r < 0.8:
                lines.append("#error e")
            elif r < 0.85:
                lines.append("#pragma GCC system_header")
            else:
                lines.append("x y")
        return "\n".join(lines) + "\n"

    files = {("sys/" if name in system else "") + name: body(i) for i, name in enumerate(names)}
    files["main.dts"] = body(-1)
    return files


def main():
    viommu, seed, count = os.path.abspath(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    args = ["-nostdinc", "-undef", "-x", "assembler-with-cpp", "-isystem", "sys", "main.dts"]
    same = different = 0
    for k in range(count):
        files = case_files(random.Random(seed + k))
        folder = tempfile.mkdtemp()
        try:
            os.makedirs(os.path.join(folder, "sys"))
            for name, text in files.items():
                with open(os.path.join(folder, name), "w") as f:
                    f.write(text)
            gnu = subprocess.run(["cpp"] + args, cwd=folder, capture_output=True)
            ours = subprocess.run([viommu, "cpp"] + args, cwd=folder, capture_output=True)
        finally:
            shutil.rmtree(folder)
        ok = (gnu.stderr == ours.stderr
              and (gnu.returncode != 0) == (ours.returncode != 0)
              and gnu.stdout == ours.stdout)
        if ok:
            same += 1
            continue
        different += 1
        if different <= 3:
            print(f"== seed {seed + k}: exit {gnu.returncode} / {ours.returncode}")
            for name, text in files.items():
                print(f"--- {name}\n{text}", end="")
            print("--- cpp:\n" + gnu.stderr.decode(errors="replace"))
            print("--- viommu:\n" + ours.stderr.decode(errors="replace"))
    print(f"cpp messages: {same} identical, {different} different")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
