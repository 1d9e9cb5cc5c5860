#!/usr/bin/env python3
"""Differential fuzzing of `viommu dtc` and `viommu overlay` against dtc and fdtoverlay.

Mode dts: mutants of dtc's test sources; mode dtb: mutants of its test blobs and the board blobs; both go through
both tools with one of a few option sets. Mode options: a source or blob, unchanged or mutated, goes through with a
random command line (output format and version, -R -S -p -a -b -H, -@ -A -L -s -f -q -T, -W/-E with check names,
valid and not). In these three modes exit status, stdout and stderr must be the same bytes; viommu's byte offset in a
corrupt blob's message is removed before comparing (dtc names none), and mutants on which dtc crashes are skipped.
Each difference is kept as HASH.dts|dtb with HASH.txt (both tools' exit status and messages) in OUT/finds-MODE.

Mode overlay: dtc -@ compiles a base and one or two overlays of dtc's tests, now and then mutated (a source, or the
compiled overlay blob), and `viommu overlay` must agree with fdtoverlay (FDTOVERLAY=PATH, else the one beside DTC) on
success or failure and, on success, give the same bytes; the messages differ by design. fdtoverlay runs with the
libfdt built beside it first on LD_LIBRARY_PATH (a system libfdt may be older). A mutated blob that viommu refuses,
fdtoverlay applies and `dtc -I dtb` refuses too is counted apart: viommu checks a whole blob as dtc's reader does,
libfdt reads only what it walks; so is a version < 16 overlay, which viommu refuses and fdtoverlay applies nothing
of. Each difference is kept as a folder OUT/finds-overlay/HASH with the blobs.

Usage: fuzz/dtc-differential.py VIOMMU DTC MODE SECONDS [SEED] [OUT]   (MODE: dts, dtb, options or overlay;
VIOMMU_SHARED=DIR)
"""
import hashlib, os, random, re, shutil, subprocess, sys, tempfile, time

viommu, dtc, mode, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
out = sys.argv[6] if len(sys.argv) > 6 else 'fuzz/out/differential'
shared = os.environ.get('VIOMMU_SHARED', os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
tests = os.path.join(shared, 'corpus', 'dtc-tests')
boards = os.path.join(shared, 'corpus', 'boards')
if mode not in ('dts', 'dtb', 'options', 'overlay'):
    sys.exit(__doc__)
rnd = random.Random(seed)
finds = os.path.join(out, 'finds-' + mode)
os.makedirs(finds, exist_ok=True)
# a writable copy of the test folder: the sources include each other
work = tempfile.mkdtemp(prefix='viommu-differential-')
shutil.copytree(tests, work, dirs_exist_ok=True)
for f in os.listdir(work):
    os.chmod(os.path.join(work, f), 0o644)

sources = sorted(os.path.join(tests, f) for f in os.listdir(tests) if f.endswith('.dts'))
fdtoverlay = os.environ.get('FDTOVERLAY', os.path.join(os.path.dirname(dtc), 'fdtoverlay'))
libfdt_env = dict(os.environ)
if os.path.isdir(os.path.join(os.path.dirname(fdtoverlay), 'libfdt')):
    libfdt_env['LD_LIBRARY_PATH'] = os.path.join(os.path.dirname(fdtoverlay), 'libfdt') + ':' + os.environ.get('LD_LIBRARY_PATH', '')
overlay_bases = [os.path.join(tests, f) for f in ['overlay_base.dts', 'overlay_base_manual_symbols.dts',
                                                   'overlay_base_phandle.dts', 'stacked_overlay_base.dts',
                                                   'stacked_overlay_base_nolabel.dts']]
overlay_sources = [s for s in sources if re.match(r'(overlay_overlay|stacked_overlay_(addlabel|bar|baz)|overlay_bad_fixup_)',
                                                  os.path.basename(s))]
blobs = sorted(os.path.join(tests, f) for f in os.listdir(tests) if f.endswith('.dtb')) \
    + sorted(os.path.join(boards, f) for f in os.listdir(boards) if f.endswith('.dtb'))
pieces = [b';', b'{', b'}', b'<', b'>', b'&', b'&lbl', b'lbl:', b'/delete-node/', b'/delete-property/', b'/bits/ 8',
          b'/bits/ 16', b'/bits/ 64', b'"s"', b'0x1', b'0xffffffff', b'-1', b':', b',', b'/omit-if-no-ref/', b'&{/}',
          b'[00]', b'[0', b'=', b'(', b')', b'+', b'<<', b'?', b"'a'", b'/plugin/;', b'/memreserve/ 1 2;',
          b'#address-cells = <1>;', b'#size-cells = <0>;', b'reg = <1 2>;', b'phandle = <1>;', b'x = <&lbl>;',
          b'n@1 { };', b'n { };', b'\\', b'\n', b'/', b'@', b'interrupts = <1 2>;', b'compatible = "simple-bus";',
          b'ranges;', b'&{/n}', b'"\\x4', b'/dts-v1/;',
          # operators of every precedence level, and what stops a run of plain cells
          b'*', b'/ 0', b'%', b'|', b'^', b'&&', b'||', b'==', b'<=', b'>>', b'~', b'!', b' 1 2 3 ', b'0x100000000',
          b'2U', b'"a\\"b"']
source_options = [['-O', 'dtb'], ['-O', 'dts'], ['-@', '-O', 'dtb'], ['-O', 'dts', '-@', '-A'],
                  ['-O', 'dtb', '-H', 'epapr'], ['-O', 'asm']]
blob_options = [['-I', 'dtb', '-O', 'dts'], ['-I', 'dtb', '-O', 'dtb'], ['-I', 'dtb', '-O', 'dts', '-@']]


checks = ('always_fail duplicate_node_names duplicate_property_names node_name_chars node_name_chars_strict '
          'node_name_format node_name_not_empty node_name_vs_property_name unit_address_vs_reg property_name_chars '
          'property_name_chars_strict duplicate_label explicit_phandles name_is_string name_properties '
          'phandle_references path_references omit_unused_nodes address_cells_is_cell size_cells_is_cell '
          'device_type_is_string model_is_string status_is_string label_is_string compatible_is_string_list '
          'names_is_string_list alias_paths addr_size_cells reg_format ranges_format dma_ranges_format pci_bridge '
          'pci_device_bus_num pci_device_reg simple_bus_bridge simple_bus_reg i2c_bus_bridge i2c_bus_reg '
          'spi_bus_bridge spi_bus_reg unit_address_format avoid_default_addr_size avoid_unnecessary_addr_size '
          'unique_unit_address unique_unit_address_if_enabled obsolete_chosen_interrupt_controller '
          'chosen_node_is_root chosen_node_bootargs chosen_node_stdout_path clocks cooling_device dmas hwlocks '
          'interrupts_extended io_channels iommus mboxes msi_parent mux_controls phys power_domains pwms resets '
          'sound_dai thermal_sensors gpios_property deprecated_gpio_property interrupt_provider interrupt_map '
          'interrupts_property graph_nodes graph_port graph_endpoint error no_such_check').split()


def random_options(blob):
    """A command line as a user might write one, now and then with a value dtc refuses."""
    options = (['-I', 'dtb'] if blob else []) + ['-O', rnd.choice(['dtb', 'dtb', 'dts', 'dts', 'asm'])]
    number = lambda *good: rnd.choice(list(good) + ['0x10', '010', '-1', '12abc', ''])
    extra = [
        lambda: ['-V', rnd.choice(['1', '2', '3', '16', '17', '17', '0', '4', '18', 'x'])],
        lambda: ['-R', number('0', '1', '2', '4')],
        lambda: ['-S', number('0', '100', '4096', '200000')],
        lambda: ['-p', number('0', '1', '7', '100', '4096')],
        lambda: ['-a', number('0', '1', '2', '4', '8', '3', '64')],
        lambda: ['-b', number('0', '1', '7', '0xffffffff', '0x100000000')],
        lambda: ['-H', rnd.choice(['legacy', 'epapr', 'both', 'both', 'ePAPR'])],
        lambda: ['-@'], lambda: ['-A'], lambda: ['-L'], lambda: ['-s'], lambda: ['-f'], lambda: ['-q'],
        lambda: ['-T'], lambda: ['-T', '-T'],
        lambda: [rnd.choice(['-W', '-E']), rnd.choice(['', 'no-']) + rnd.choice(checks)],
    ]
    for _ in range(rnd.choice([0, 1, 2, 3, 4, 6])):
        options += rnd.choice(extra)()
    return options


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


def compile_with_dtc(source, data, name):
    """The source (mutated when data is given) as a blob made by dtc -@, or None when dtc refuses it."""
    with open(os.path.join(work, name + '.dts'), 'wb') as f:
        f.write(data if data is not None else open(source, 'rb').read())
    r = subprocess.run([dtc, '-q', '-f', '-@', '-O', 'dtb', '-o', name + '.dtb', name + '.dts'], cwd=work, capture_output=True, timeout=20)
    return open(os.path.join(work, name + '.dtb'), 'rb').read() if r.returncode == 0 else None


def overlay_case():
    """A base and overlays compiled by dtc, applied by both tools: (files, fdtoverlay's result, viommu's result)."""
    base_source = rnd.choice(overlay_bases)
    base = compile_with_dtc(base_source, mutate_source(open(base_source, 'rb').read()) if rnd.random() < 0.2 else None, 'zz_base')
    names, corrupt = [], False
    for i in range(rnd.choice([1, 1, 2])):
        source = rnd.choice(overlay_sources)
        blob = compile_with_dtc(source, mutate_source(open(source, 'rb').read()) if rnd.random() < 0.6 else None, f'zz_o{i}')
        if blob is None or base is None:
            return None
        if rnd.random() < 0.15:
            blob = mutate_blob(blob)
            corrupt |= subprocess.run([dtc, '-I', 'dtb', '-O', 'dtb', '-o', '/dev/null', '-'], input=blob, capture_output=True,
                                      timeout=20).returncode == 1
            # a version < 16 overlay (full-path names) applies nothing under fdtoverlay; viommu refuses it by design
            corrupt |= len(blob) >= 24 and int.from_bytes(blob[20:24], 'big') < 16
        with open(os.path.join(work, f'zz_o{i}.dtbo'), 'wb') as f:
            f.write(blob)
        names.append(f'zz_o{i}.dtbo')
    results = []
    for command in ([fdtoverlay], [viommu, 'overlay']):
        out = os.path.join(work, 'zz_out.dtb')
        if os.path.exists(out):
            os.remove(out)
        try:
            r = subprocess.run(command + ['-i', 'zz_base.dtb', '-o', 'zz_out.dtb'] + names, cwd=work, capture_output=True,
                               timeout=20, env=libfdt_env if command[0] == fdtoverlay else None)
            code, err = r.returncode, r.stderr
        except subprocess.TimeoutExpired:
            code, err = 'timeout', b''
        output = open(out, 'rb').read() if code == 0 and os.path.exists(out) else b''
        results.append((code, output, err))
    files = [('zz_base.dtb', open(os.path.join(work, 'zz_base.dtb'), 'rb').read())] + \
        [(n, open(os.path.join(work, n), 'rb').read()) for n in names]
    return files, results[0], results[1], corrupt


runs = same = crashes = refused_corrupt = 0
end = time.time() + seconds
while time.time() < end:
    if mode == 'overlay':
        case = overlay_case()
        if case is None:
            continue
        files, d, v, corrupt = case
        runs += 1
        if d[0] not in (0, 1):
            crashes += 1
            continue
        if corrupt and d[0] == 0 and v[0] != 0:
            refused_corrupt += 1
            continue
        if (d[0] == 0) == (v[0] == 0) and d[1] == v[1]:
            same += 1
            continue
        h = hashlib.sha1(b''.join(b for _, b in files)).hexdigest()[:10]
        os.makedirs(os.path.join(finds, h), exist_ok=True)
        for n, b in files:
            with open(os.path.join(finds, h, n), 'wb') as f:
                f.write(b)
        with open(os.path.join(finds, h, 'result.txt'), 'w', encoding='latin-1') as f:
            f.write(f'--- fdtoverlay exit {d[0]}\n{d[2].decode("latin-1")}--- viommu exit {v[0]}\n{v[2].decode("latin-1")}'
                    f'--- output same: {d[1] == v[1]}\n')
        continue
    if mode == 'dts':
        data, name, options = mutate_source(open(rnd.choice(sources), 'rb').read()), 'zz_m.dts', rnd.choice(source_options)
    elif mode == 'dtb':
        data, name, options = mutate_blob(open(rnd.choice(blobs), 'rb').read()), 'zz_m.dtb', rnd.choice(blob_options)
    else:
        blob = rnd.random() < 0.4
        data = open(rnd.choice(blobs if blob else sources), 'rb').read()
        if rnd.random() < 0.3:
            data = mutate_blob(data) if blob else mutate_source(data)
        name, options = 'zz_m.dtb' if blob else 'zz_m.dts', random_options(blob)
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
    h = hashlib.sha1(data + ' '.join(options).encode()).hexdigest()[:10]
    with open(os.path.join(finds, f'{h}.{name[-3:]}'), 'wb') as f:
        f.write(data)
    with open(os.path.join(finds, f'{h}.txt'), 'w', encoding='latin-1') as f:
        f.write(f'options: {" ".join(options)}\n--- dtc exit {d[0]}\n{d[2].decode("latin-1")}'
                f'--- viommu exit {v[0]}\n{v[2].decode("latin-1")}--- stdout same: {d[1] == v[1]}\n')
shutil.rmtree(work)
apart = f', {refused_corrupt} corrupt or pre-16 blobs refused by viommu (and dtc), applied by fdtoverlay' if mode == 'overlay' else ''
print(f'{mode} (seed {seed}): {runs} runs, {same} identical, {runs - same - crashes - refused_corrupt} different, '
      f'{crashes} skipped ({"fdtoverlay" if mode == "overlay" else "dtc"} crashed){apart}')
