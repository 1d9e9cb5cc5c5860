#!/usr/bin/env python3
"""Random integer expressions in cells, through `viommu dtc` and dtc: the same exit status, messages and DTS output.

Each file holds PROPS properties of one to four cells, most of them parenthesised expressions built from every
binary operator (all ten precedence levels of dtc's grammar), the unary ones, the ternary, nested parentheses and
literals at the edges (0, 64, 2^63, 2^64-1, suffixes, octal, character literals), in arrays of 8, 16, 32 and 64 bits,
between plain cells. With --division, '/' and '%' are drawn too: most files then stop at a division by zero, and only
the messages (with their positions) are compared. Differences are kept in OUT as NAME.dts.

Usage: fuzz/expression-differential.py VIOMMU DTC FILES [SEED] [--division] [OUT]
"""
import os, random, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if a != '--division']
division = '--division' in sys.argv
if len(args) < 3:
    sys.exit(__doc__)
viommu, dtc, files = args[0], args[1], int(args[2])
seed = int(args[3]) if len(args) > 3 else 1
out = args[4] if len(args) > 4 else 'fuzz/out/expressions'
rnd = random.Random(seed)
binary = ['||', '&&', '|', '^', '&', '==', '!=', '<', '>', '<=', '>=', '<<', '>>', '+', '-', '*'] + (['/', '%'] if division else [])
literals = ['0', '1', '2', '3', '7', '0x10', '0xffffffff', '0xffffffffffffffff', '64', '65', "'a'", '0x8000000000000000',
            '5U', '010', '0x20ULL']


def primary(depth):
    r = rnd.random()
    if depth > 4 or r < 0.35:
        return rnd.choice(literals)
    if r < 0.45:
        return rnd.choice(['-', '~', '!']) + primary(depth + 1)
    if r < 0.55:
        return '(' + expression(depth + 1) + ')'
    return rnd.choice(literals)


def expression(depth):
    text = primary(depth)
    for _ in range(rnd.randint(0, 4)):
        text += ' ' + rnd.choice(binary) + ' ' + primary(depth)
    if rnd.random() < 0.15:
        text += ' ? ' + expression(depth + 1) + ' : ' + expression(depth + 1)
    return text


def source(props):
    lines = ['/dts-v1/;', '/ {']
    for i in range(props):
        cells = ' '.join('(' + expression(0) + ')' if rnd.random() < 0.8 else rnd.choice(['1', '2', '0x100000000', '3U', '7'])
                         for _ in range(rnd.randint(1, 4)))
        bits = rnd.choice(['', '', '/bits/ 8 ', '/bits/ 16 ', '/bits/ 64 '])
        lines.append(f'\tp{i} = {bits}<{cells}>;')
    return '\n'.join(lines + ['};', ''])


def run(tool, src, work):
    target = os.path.join(work, 'out')
    if os.path.exists(target):
        os.remove(target)
    command = [tool] if tool == dtc else [tool, 'dtc']
    p = subprocess.run(command + ['-I', 'dts', '-O', 'dts', '-o', target, src], capture_output=True)
    output = open(target, 'rb').read() if p.returncode == 0 and os.path.exists(target) else b''
    return p.returncode, p.stderr, output


same = different = succeeded = 0
with tempfile.TemporaryDirectory() as work:
    src = os.path.join(work, 'e.dts')
    for n in range(files):
        text = source(40)
        with open(src, 'w') as f:
            f.write(text)
        expected = run(dtc, src, work)
        actual = run(viommu, src, work)
        succeeded += expected[0] == 0
        if expected == actual:
            same += 1
        else:
            different += 1
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, f'{seed}-{n}.dts'), 'w') as f:
                f.write(text)
print(f'{files} files of 40 properties: {same} identical, {different} different; dtc succeeded on {succeeded}')
sys.exit(1 if different else 0)
