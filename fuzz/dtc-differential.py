#!/usr/bin/env python3
"""Differential fuzzing of `viommu dtc` against dtc: mutants of dtc's test sources (mode dts) or of its test blobs
and the board blobs (mode dtb) go through both tools with one of a few option sets; exit status, stdout and stderr
must be the same bytes. viommu's byte offset in a corrupt blob's message is removed before comparing (dtc names
none), and mutants on which dtc crashes are skipped. Each difference is kept as HASH.dts|dtb with HASH.txt (both
tools' exit status and messages) in OUT/finds-MODE.

Usage: fuzz/dtc-differential.py VIOMMU DTC MODE SECONDS [SEED] [OUT]   (MODE: dts or dtb; VIOMMU_SHARED=DIR)
"""
import hashlib, os, random, re, shutil, subprocess, sys, tempfile, time

viommu, dtc, mode, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
out = sys.argv[6] if len(sys.argv) > 6 else 'fuzz/out/differential'
shared = os.environ.get('VIOMMU_SHARED', os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
tests = os.path.join(shared, 'corpus', 'dtc-tests')
boards = os.path.join(shared, 'corpus', 'boards')
rnd = random.Random(seed)
finds = os.path.join(out, 'finds-' + mode)
os.makedirs(finds, exist_ok=True)
# a writable copy of the test folder: the sources include each other
work = tempfile.mkdtemp(prefix='viommu-differential-')
shutil.copytree(tests, work, dirs_exist_ok=True)
for f in os.listdir(work):
    os.chmod(os.path.join(work, f), 0o644)

sources = sorted(os.path.join(tests, f) for f in os.listdir(tests) if f.endswith('.dts'))
blobs = sorted(os.path.join(tests, f) for f in os.listdir(tests) if f.endswith('.dtb')) \
    + sorted(os.path.join(boards, f) for f in os.listdir(boards) if f.endswith('.dtb'))
pieces = [b';', b'{', b'}', b'<', b'>', b'&', b'&lbl', b'lbl:', b'/delete-node/', b'/delete-property/', b'/bits/ 8',
          b'/bits/ 16', b'/bits/ 64', b'"s"', b'0x1', b'0xffffffff', b'-1', b':', b',', b'/omit-if-no-ref/', b'&{/}',
          b'[00]', b'[0', b'=', b'(', b')', b'+', b'<<', b'?', b"'a'", b'/plugin/;', b'/memreserve/ 1 2;',
          b'#address-cells = <1>;', b'#size-cells = <0>;', b'reg = <1 2>;', b'phandle = <1>;', b'x = <&lbl>;',
          b'n@1 { };', b'n { };', b'\\', b'\n', b'/', b'@', b'interrupts = <1 2>;', b'compatible = "simple-bus";',
          b'ranges;', b'&{/n}', b'"\\x4', b'/dts-v1/;']
source_options = [['-O', 'dtb'], ['-O', 'dts'], ['-@', '-O', 'dtb'], ['-O', 'dts', '-@', '-A'],
                  ['-O', 'dtb', '-H', 'epapr'], ['-O', 'asm']]
blob_options = [['-I', 'dtb', '-O', 'dts'], ['-I', 'dtb', '-O', 'dtb'], ['-I', 'dtb', '-O', 'dts', '-@']]


def lines_op(data, op):
    lines = bytes(data).split(b'\n')
    op(lines)
    return bytearray(b'\n'.join(lines))


def mutate_source(data):
    data = bytearray(data)
    for _ in range(rnd.choice([1, 1, 1, 2, 3])):
        if not data:
            data += b'/dts-v1/; / { };'
        k, p = rnd.randrange(7), rnd.randrange(len(data) + 1)
        if k == 0:
            del data[p:p + rnd.randint(1, 8)]
        elif k == 1:
            data[p:p] = rnd.choice(pieces)
        elif k == 2 and p < len(data):
            data[p] = rnd.randrange(32, 127)
        elif k == 3:
            data = lines_op(data, lambda ls: ls.insert(rnd.randrange(len(ls)), ls[rnd.randrange(len(ls))]))
        elif k == 4:
            data = lines_op(data, lambda ls: ls.pop(rnd.randrange(len(ls))))
        elif k == 5:
            data[p:p] = rnd.choice(pieces) + b' ' + rnd.choice(pieces)
        else:
            a, b = sorted((p, rnd.randrange(len(data) + 1)))
            r = rnd.randrange(len(data) + 1)
            data[r:r] = data[a:b][:64]
    return bytes(data)


def mutate_blob(data):
    data = bytearray(data)
    for _ in range(rnd.choice([1, 1, 2, 4])):
        k, p = rnd.randrange(4), rnd.randrange(len(data))
        if k == 0:
            data[p] ^= 1 << rnd.randrange(8)
        elif k == 1:
            data[p] = rnd.choice([0, 0xff, 1, 2, 3, 9, 0x20, 0x7f])
        elif k == 2:
            p &= ~3
            data[p:p + 4] = rnd.choice([b'\0\0\0\1', b'\0\0\0\2', b'\0\0\0\3', b'\0\0\0\4', b'\0\0\0\x09',
                                        b'\xff\xff\xff\xff', b'\0\0\0\0'])
        else:
            del data[p:p + rnd.randint(1, 16)]
    return bytes(data)


def run(command, name):
    try:
        r = subprocess.run(command + ['-o', '/dev/stdout', name], cwd=work, capture_output=True, timeout=20)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', b'', b''


runs = same = crashes = 0
end = time.time() + seconds
while time.time() < end:
    if mode == 'dts':
        data, name, options = mutate_source(open(rnd.choice(sources), 'rb').read()), 'zz_m.dts', rnd.choice(source_options)
    else:
        data, name, options = mutate_blob(open(rnd.choice(blobs), 'rb').read()), 'zz_m.dtb', rnd.choice(blob_options)
    with open(os.path.join(work, name), 'wb') as f:
        f.write(data)
    d = run([dtc] + options, name)
    v = run([viommu, 'dtc'] + options, name)
    v = (v[0], v[1], re.sub(rb'zz_m\.dtb: byte offset \d+ \(0x[0-9a-f]+\): ', b'', v[2]))
    runs += 1
    if d[0] not in (0, 1, 2):
        crashes += 1
        continue
    if d == v:
        same += 1
        continue
    h = hashlib.sha1(data).hexdigest()[:10]
    with open(os.path.join(finds, f'{h}.{name[-3:]}'), 'wb') as f:
        f.write(data)
    with open(os.path.join(finds, f'{h}.txt'), 'w', encoding='latin-1') as f:
        f.write(f'options: {" ".join(options)}\n--- dtc exit {d[0]}\n{d[2].decode("latin-1")}'
                f'--- viommu exit {v[0]}\n{v[2].decode("latin-1")}--- stdout same: {d[1] == v[1]}\n')
shutil.rmtree(work)
print(f'{mode} (seed {seed}): {runs} runs, {same} identical, {runs - same - crashes} different, {crashes} skipped (dtc crashed)')
