#!/usr/bin/env python3
"""viommu cpp against GNU cpp on short sources that each exercise a directive or a message.

Usage: bench/cpp-message-snippets.py VIOMMU

Each snippet (a line or a few: bad directives, #if expressions and numbers, __VA_OPT__, assertions, pragmas, line
markers, comments, macro calls) is run through `cpp -nostdinc -undef -x assembler-with-cpp t.dts` and through viommu in
a scratch folder holding an empty a.h; standard output, stderr (source excerpts included) and success must be the same
bytes. Prints each difference and a summary line. Differences left (README): _Pragma, '#pragma message', #line past
2^31-1, an include nested 200 deep, errors at tokens of a macro expansion.
"""
import os
import shutil
import subprocess
import sys
import tempfile

V = os.path.abspath(sys.argv[1])
snips = [
 "#define", "#define 1", "#define defined", "#define F(", "#define F(a,a) a", "#define F(a", "#define F(a b)", "#define F(...) __VA_OPT__(", "#define F(x) #y",
 "#define F(x) ## x", "#define F(x) x ##", "#define F() x\nF(1)", "#define F(a,b) a\nF(1,2,3)", "#define F(a,b) a\nF()", "#define F(a) a\nF(", 
 "#undef", "#undef 1", "#undef X Y", "#ifdef", "#ifdef 1", "#ifdef X Y", "#ifndef", "#if", "#if 1 +", "#if (1", "#if 1)", "#if 1 2", "#if 0x", "#if 1.0", "#if 08",
 "#if 1/0", "#if 1%0", "#if 'ab'", "#if ''", "#if 'abcde'", "#if \"s\"", "#if defined", "#if defined(", "#if defined(X", "#if defined X Y", "#if __has_include", "#if __has_include(",
 "#if __has_include(\"a.h\"", "#if 1 ? 2", "#if 1 : 2", "#if ()", "#if 99999999999999999999", "#if 1 == 1 ==", "#if !", "#if ~", "#if 0b102", "#if 1u2", "#if 123abc",
 "#else", "#endif", "#elif 1", "#if 1\n#else\n#else", "#if 1\n#else\n#elif 1", "#if 1\n#endif junk", "#if 0\n#else junk\n#endif", "#ifdef X junk\n#endif",
 "#include", "#include \"\"", "#include <>", "#include x", "#include \"a.h\" junk", "#include <a.h> junk", "#include_next <a.h>", "#import \"a.h\"",
 "#line", "#line x", "#line 0", "#line 5 x", "#line 5 \"f\" 3 4", "#line 4294967296", "#line 5 \"f\" junk",
 "#error", "#error   spaced   text   ", "#warning", "#warning \t tabbed",
 "#pragma once", "#pragma GCC poison", "#pragma GCC poison 1", "#pragma GCC poison X\nX", "#pragma GCC system_header", "#pragma GCC warning", "#pragma GCC warning x", "#pragma GCC error \"e\"",
 "#pragma GCC dependency", "#pragma GCC dependency \"nothere.h\"", "#pragma push_macro(\"X\") y", "#pragma", "#pragma STDC FP_CONTRACT ON",
 "#ident \"x\"", "#ident x", "#sccs \"x\"", "#assert x(y)", "#unassert x", "#assert", "#foo", "# 5 \"x\"", "#5", "# junk",
 "/* unterminated", "a /* b\n c", "\"unterminated", "'x", "#define S(x) #x\nS(\\)", "__VA_ARGS__", "#define __LINE__ 1", "#undef __FILE__", "#define __STDC__ 2",
 "#define A 1\n#define A 2", "#define F(x) x\n#define F(y) y", "#define A\n#undef A junk", "\t\t#error tabs", "  # \t error mixed", "#if 1 \\\n +\n#endif",
 "#define E 1 +\n#if E\n#endif", "#define L 1\n#if L L\n#endif", "_Pragma(\"once\")", "#define P(a,b) a ## b\nP(+,-)", "#if 1 ||\n#endif", "#if (1 ? 2 : )\n#endif",
 "#elifdef X", "#if 0\n#elifdef\n#endif", "#if 0\n#elifndef 1\n#endif", "#if 1\n#elif\n#endif", "#if 0\n#elif\n#endif", "#if 0\n#if 1 +\n#endif\n#endif",
 "#define F(x,...) __VA_OPT__(x", "#define F(x,...) __VA_OPT__", "#define F(...) #__VA_OPT__", "#define F(__VA_ARGS__) 1", "#define F(a,...) a\nF()", "#define G(x) x\n#define F G(\nF",
 "#", "# /* c */", "#!", "#1", "# 33 \"f.dts\" 1", "# 33 \"f.dts\" 1 3\n#error x", "#line 7 \"g\" 3", "#line 0\n#error z", "#line 2147483648",
 "#define F(x) x\nF(\n#define Z 1\n)", "#define F(x) x\nF(#if)", "#define F(x) x\nF(\n#if 1\n#endif\n)", "#define F(x) x\nF(\n#error in args\n)",
 "#if 1 = 1\n#endif", "#if 1 += 1\n#endif", "#if 'abc\n#endif", "#if \"\n#endif", "#if 0x1p3\n#endif", "#if 1e\n#endif", "#if 0b\n#endif", "#if 1LLL\n#endif", "#if 1uu\n#endif",
 "#if 1i\n#endif", "#if 1 << 64\n#endif", "#if -1 >> 1\n#endif", "#if 1 / 0\n#endif", "#if 0 && 1/0\n#endif", "#if (2 || 1/0)\n#endif", "#if 0x8000000000000000 / -1\n#endif",
 "#if -9223372036854775807 - 1 < 0\nA\n#endif", "#if (-1)/2\n#endif", "#if 1 ? 2 : (1/0)\n#endif", "#if defined defined\n#endif", "#if defined(defined)\n#endif",
 "#define f(x) x\n#if f(\n#endif", "#define f(x) x\n#if f(1,2)\n#endif", "#if __LINE__ == 1\nA\n#endif", "#if __COUNTER__\n#endif", "#if __FILE__\n#endif",
 "#undef defined", "#define __VA_ARGS__ 1", "#define __VA_OPT__ 1", "#define F(x,x)", "#define F(x,) 1", "#define F(,x) 1", "#define F(x...) x\nF(1,2)", "#define F(...) __VA_ARGS__\nF()",
 "#define F(x) #x\nF(\"a\\n\")", "#define F(x) #x\nF('\\'')", "#define F(x) #x\nF(  a   b  )", "#define F(x,y) x##y\nF(1,)", "#define F(x,y) x##y\nF(,)", "#define F(x) x\nF((1,2))",
 "#define F() 1\nF( )", "#define F(x) x\nF()", "#define F(x,y) x\nF((),[])", "#define A B\n#define B A\nA B", "#define F(x) F(x)\nF(F(1))",
 "#include \"t.dts\"", "#include_next \"x.h\"", "#include __FILE__", "#define H <nothere.h>\n#include H", "#define H \"nothere.h\"\n#include H", "#define H\n#include H",
 "#include <stdio.h", "#include \"x.h", "#line 5 \"\"\n#error e", "#line 5 \"a\\\\b\"\n#error e", "#line 5 \"a\\\"b\"\n#error e",
 "a\\", "a \\ b", "??=define X 1\nX", "#define X 1\n#if X == 1 && \\\n X\n#endif", "#define M(a) a\nM(\n)", "#warning \\\n  continued",
 "#error \"unterminated", "#warning 'x", "#define S(x) #x\nS(\"unterminated)", "#if 1\n#elif\n#endif", "#if 0\n#elif 1 +\n#endif", "#if 1\n#elif 1 +\n#endif",
 "#ifdef X extra\n#endif", "#ifndef X extra\n#endif", "#endif", "#else", "#elif", "#elifdef X", "#ifdef \"s\"\n#endif", "#ifndef 1\n#endif", "#undef \"s\"",
 "#define defined 1", "#define X(", "#define X(a", "#define X(a,", "#define X(a b", "#define X(...", "#define X(a...", "#define X(a,...) __VA_ARGS__\nX()",
 "#pragma GCC system_header", "#pragma GCC visibility push(default)", "#pragma STDC FENV_ACCESS ON", "#pragma GCC push_options", "#pragma message(\"hi\")",
 "#include \"\\\n\"", "\x0c#error formfeed", "#error tab\there", "\t#\tdefine X 1\nX",
]
folder = tempfile.mkdtemp()
os.chdir(folder)
open("a.h", "w").close()
bad = 0
for i, s in enumerate(snips):
    text = s if s.endswith("\n") else s + "\n"
    open("t.dts", "w").write(text)
    a = subprocess.run(["cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "t.dts"], capture_output=True)
    b = subprocess.run([V, "cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "t.dts"], capture_output=True)
    if a.stderr != b.stderr or a.stdout != b.stdout or (a.returncode != 0) != (b.returncode != 0):
        bad += 1
        print(f"== {s!r} exit {a.returncode}/{b.returncode} out {'same' if a.stdout == b.stdout else 'DIFF'}")
        print(a.stderr.decode('latin-1'), end=""); print("-- viommu"); print(b.stderr.decode('latin-1'), end="")
        if a.stdout != b.stdout:
            print("-- cpp out"); print(a.stdout.decode('latin-1')[-300:]); print("-- viommu out"); print(b.stdout.decode('latin-1')[-300:])
shutil.rmtree(folder)
print(f"cpp message snippets: {len(snips) - bad} identical, {bad} different")
sys.exit(1 if bad else 0)
