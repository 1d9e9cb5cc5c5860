#!/usr/bin/env python3
# From a dtc-written DTS (from a DTB): a partial tree passing through every node whose iommus or iommu-map names an
# arm,smmu-v3, each at a made-up guest address clear of Xen's guest windows with the host's region sizes,
# xen,path = its host path. Prints
# nothing when there is no such node; a second argument "all" keeps nodes behind any IOMMU.
import re, sys
stack=[]  # (name, props)
found=[]
phandles={}  # phandle -> compatible
def cells(v):
    return [int(x,16) if x.startswith('0x') else int(x) for x in re.findall(r'0x[0-9a-fA-F]+|\b\d+\b', v)] if v.startswith('<') else None
for line in open(sys.argv[1], encoding='latin-1'):
    s=line.strip()
    m=re.match(r'^(?:[\w,.+-]+:\s*)*([^\s=;{}]+)\s*\{$', s)
    if m:
        stack.append((m.group(1), {})); continue
    if s=='};':
        if stack:
            name, props = stack.pop()
            if 'phandle' in props: phandles[cells(props['phandle'])[0]] = props.get('compatible','')
            if ('iommus' in props or 'iommu-map' in props) and stack:
                p='/'+'/'.join(n for n,_ in stack[1:]+[(name,None)])
                pa = stack[-1][1]
                ac = cells(pa.get('#address-cells','<0x2>'))[0]; sc = cells(pa.get('#size-cells','<0x1>'))[0]
                sizes=[]
                reg = cells(props.get('reg','<>')) if 'reg' in props else []
                if reg and ac+sc>0:
                    for i in range(0, len(reg)-(ac+sc)+1, ac+sc):
                        sz=0
                        for c in reg[i+ac:i+ac+sc]: sz=(sz<<32)|c
                        sizes.append(sz)
                found.append((p, sizes, props))
        continue
    m=re.match(r'^([^\s=;]+)\s*=\s*(.*);$', s)
    if m and stack: stack[-1][1][m.group(1)]=m.group(2)
    elif re.match(r'^[^\s=;{}]+;$', s) and stack: stack[-1][1][s[:-1]]=''
def smmuv3(props):
    if 'iommus' in props:
        c = cells(props['iommus']); ph = c[0] if c else None
    else:
        c = cells(props['iommu-map']); ph = c[1] if c and len(c) > 1 else None
    return ph is not None and 'arm,smmu-v3' in phandles.get(ph, '')
only_v3 = len(sys.argv) < 3 or sys.argv[2] != 'all'
found = [(p, s) for p, s, props in found if not only_v3 or smmuv3(props)]
if not found: sys.exit(0)
found.sort(key=lambda x: x[0])
out=['/dts-v1/;','','/ {','\t#address-cells = <2>;','\t#size-cells = <2>;','','\tpassthrough {','\t\tcompatible = "simple-bus";','\t\tranges;','\t\t#address-cells = <2>;','\t\t#size-cells = <2>;']
# windows Xen maps into every guest (vpl011, grant table + special pages, the default 256 MB of RAM at 1 GB)
xen_windows=[(0x22000000,0x1000),(0x38000000,0x2000000),(0x40000000,0x10000000)]
def clear_of_xen(base, size):
    moved=True
    while moved:
        moved=False
        for s,l in xen_windows:
            if base < s+l and s < base+max(size,1):
                base=(s+l+0xfffff)&~0xfffff; moved=True
    return base
base=0x10000000
for i,(p,sizes) in enumerate(found):
    name=p.rsplit('/',1)[1].split('@')[0] or 'dev'
    regs=[]; base=clear_of_xen(base, sizes[0] if sizes else 0); first=base
    for sz in sizes:
        base=clear_of_xen(base, sz)
        regs.append(f'0x{base>>32:x} 0x{base&0xffffffff:x} 0x{sz>>32:x} 0x{sz&0xffffffff:x}')
        base += (sz + 0xfffff) & ~0xfffff if sz else 0x100000
    if not sizes: base += 0x100000
    out+=['',f'\t\t{name}@{first:x} {{','\t\t\tcompatible = "test,passthrough";']
    if regs: out.append('\t\t\treg = ' + ', '.join(f'<{r}>' for r in regs) + ';')
    out+=[f'\t\t\txen,path = "{p}";','\t\t};']
out+=['\t};','};']
print('\n'.join(out))
