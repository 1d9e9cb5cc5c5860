#!/usr/bin/env python3
"""viommu cpp against GNU cpp on random macro-heavy sources.

Usage: bench/cpp-macros-random.py VIOMMU SEED COUNT

Each case defines two to six object- and function-like macros (parameters, '...', '#', '##', calls of other
macros, odd spacing: blanks, tabs, comments) and uses them on a few lines; the run is
`cpp -nostdinc -undef -x assembler-with-cpp -P m.dts`. Standard output, stderr (source excerpts included) and
success are compared. Prints the first four differing cases and a summary line.
"""
import os
import random
import subprocess
import sys
import tempfile


NAMES = ["A", "B", "C", "F", "G", "H", "S", "X", "P", "Q"]


def blank(rnd):
    return rnd.choice(["", " ", "  ", "\t", " /**/ ", "/**/"])


def body(rnd, params, variadic):
    atoms = params + ["x", "y", "1", "0x10", '"s"', "'c'", "-", "+", "(", ")", ",", ".", "#", "<", ">", "@", "$"] + NAMES
    tokens = []
    for _ in range(rnd.randint(0, 6)):
        k = rnd.random()
        if params and k < 0.15:
            tokens.append("#" + blank(rnd).replace("/**/", "") + rnd.choice(params))
        elif tokens and k < 0.3:
            tokens.append("##")
        elif k < 0.4:
            tokens.append(rnd.choice(NAMES) + "(" + blank(rnd) + rnd.choice(atoms) + blank(rnd) + ")")
        elif variadic and k < 0.45:
            tokens.append("__VA_ARGS__")
        else:
            tokens.append(rnd.choice(atoms))
    while tokens and tokens[0] == "##":
        tokens.pop(0)
    while tokens and tokens[-1] == "##":
        tokens.pop()
    return "".join(t + blank(rnd) for t in tokens)


def source(rnd):
    lines = []
    for name in rnd.sample(NAMES, rnd.randint(2, 6)):
        if rnd.random() < 0.6:
            params = rnd.sample(["a", "b", "c"], rnd.randint(0, 3))
            variadic = rnd.random() < 0.2
            lines.append(f"#define {name}({', '.join(params + (['...'] if variadic else []))}) {body(rnd, params, variadic)}")
        else:
            lines.append(f"#define {name} {body(rnd, [], False)}")
    atoms = NAMES + ["x", "1", '"q"', "(", ")", ",", "-", "#", "."]
    for _ in range(rnd.randint(1, 6)):
        lines.append("v = " + "".join(rnd.choice(atoms) + blank(rnd) for _ in range(rnd.randint(1, 10))) + ";")
    return "\n".join(lines) + "\n"


def main():
    viommu, seed, count = os.path.abspath(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    args = ["-nostdinc", "-undef", "-x", "assembler-with-cpp", "-P", "m.dts"]
    same = different = 0
    folder = tempfile.mkdtemp()
    try:
        for k in range(count):
            text = source(random.Random(seed + k))
            with open(os.path.join(folder, "m.dts"), "w") as f:
                f.write(text)
            gnu = subprocess.run(["cpp"] + args, cwd=folder, capture_output=True)
            ours = subprocess.run([viommu, "cpp"] + args, cwd=folder, capture_output=True)
            if (gnu.stdout == ours.stdout and gnu.stderr == ours.stderr
                    and (gnu.returncode != 0) == (ours.returncode != 0)):
                same += 1
                continue
            different += 1
            if different <= 4:
                print(f"== seed {seed + k}\n{text}--- cpp:\n{gnu.stdout.decode(errors='replace')}"
                      f"{gnu.stderr.decode(errors='replace')}\n--- viommu:\n"
                      f"{ours.stdout.decode(errors='replace')}{ours.stderr.decode(errors='replace')}")
    finally:
        subprocess.run(["rm", "-rf", folder])
    print(f"cpp macros: {same} identical, {different} different")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
