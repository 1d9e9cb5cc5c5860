namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// Character constants and prefixed literals: each expected text and stderr is GNU cpp 12's (Debian 12.2.0) for
/// <c>cpp -nostdinc -undef -x c|assembler-with-cpp -P t.dts</c> (<c>#if</c> values of plain, <c>L</c>, <c>u</c> and
/// <c>U</c> constants, escapes and universal character names with their warnings and errors; <c>L</c>, <c>u</c>,
/// <c>U</c> and <c>u8</c> literals as one token, in C only but for <c>L</c>; a quote left open, warned in C). The
/// source is given to both as UTF-8; texts are compared as bytes, one char each.
/// </summary>
public class CharConstantTests
{
    [Theory]
    [InlineData("#if '\\x' == 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if '\\x' == 0\n      |     ^~~~\n")]
    [InlineData("#if '\\x'\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if '\\x'\n      |     ^~~~\n")]
    [InlineData("#if u'a' - 98 < 0\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "")]
    [InlineData("#if L'a' - 98 < 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if U'a' - 98 < 0\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "")]
    [InlineData("#if 'a' - 98 < 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if L'\\xffffffff' == -1\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if L'\\x100000000'\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if L'\\x100000000'\n      |     ^~~~~~~~~~~~~~\n")]
    [InlineData("#if U'\\x100000000' == 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if U'\\x100000000' == 0\n      |     ^~~~~~~~~~~~~~\n")]
    [InlineData("#if u'\\x1ffff' == 0xffff\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if u'\\x1ffff' == 0xffff\n      |     ^~~~~~~~~~\n")]
    [InlineData("#if L'\\U0001F600' == 0x1F600\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u'\\U0001F600'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if u'\\U0001F600'\n      |     ^~~~~~~~~~~~~\n")]
    [InlineData("#if u'\\U0001F600' == 0xDE00\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if u'\\U0001F600' == 0xDE00\n      |     ^~~~~~~~~~~~~\n")]
    [InlineData("#if '\\u00e9' == 0xc3a9\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\\u00e9' == 0xc3a9\n      |     ^~~~~~~~\n")]
    [InlineData("#if '\\u00a0' == 0xc2a0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\\u00a0' == 0xc2a0\n      |     ^~~~~~~~\n")]
    [InlineData("#if '\\U00110000' == -191856512\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: \\U00110000 is outside the UCS codespace\n    1 | #if '\\U00110000' == -191856512\n      |     ^~~~~~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if '\\u12'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u12\n    1 | #if '\\u12'\n      |     ^~~~~~\n")]
    [InlineData("#if L'\\u12'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u12\n    1 | #if L'\\u12'\n      |     ^~~~~~~\n")]
    [InlineData("#if '\\e' == 27\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\(' == 40\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\%' == 37\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\q' == 113\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: unknown escape sequence: '\\q'\n    1 | #if '\\q' == 113\n      |     ^~~~\n")]
    [InlineData("#if '\\ ' == 32\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: unknown escape sequence: '\\040'\n    1 | #if '\\ ' == 32\n      |     ^~~~\n")]
    [InlineData("#if L''\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: error: empty character constant\n    1 | #if L''\n      |     ^~~\n")]
    [InlineData("#if u''\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: error: empty character constant\n    1 | #if u''\n      |     ^~~\n")]
    [InlineData("#if L'ab' == 98\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if L'ab' == 98\n      |     ^~~~~\n")]
    [InlineData("#if u'\u00e9' == 0xe9\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if L'\u00e9' == 233\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if U'\\377' == 255\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if L'\\777' == 511\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\777' == -1\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: octal escape sequence out of range\n    1 | #if '\\777' == -1\n      |     ^~~~~~\n")]
    [InlineData("#if '\\400' == 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: octal escape sequence out of range\n    1 | #if '\\400' == 0\n      |     ^~~~~~\n")]
    [InlineData("#if '\\x1ff' == -1\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if '\\x1ff' == -1\n      |     ^~~~~~~\n")]
    [InlineData("#if L'\\x\u00e9'==0xe9\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if L'\\x\u00c3\u00a9'==0xe9\n      |     ^~~~~~\n")]
    [InlineData("#if '\\u0024' == 36\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\u0060' == 96\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\u0040' == 64\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u'\\u00e9' == 233\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if 'a\\x' == 97\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if 'a\\x' == 97\n      |     ^~~~~\n")]
    [InlineData("#if '\\U0010FFFF' == -191889473\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\\U0010FFFF' == -191889473\n      |     ^~~~~~~~~~~~\n")]
    [InlineData("#if u'\\U00110000'\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: warning: \\U00110000 is outside the UCS codespace\n    1 | #if u'\\U00110000'\n      |     ^~~~~~~~~~~~~\nt.dts:1:5: error: converting UCN to execution character set: Invalid or incomplete multibyte or wide character\n")]
    [InlineData("#if L'\\U00110000' == 0x110000\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: \\U00110000 is outside the UCS codespace\n    1 | #if L'\\U00110000' == 0x110000\n      |     ^~~~~~~~~~~~~\n")]
    [InlineData("#if '\\u0000'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\u0000 is not a valid universal character\n    1 | #if '\\u0000'\n      |     ^~~~~~~~\n")]
    [InlineData("#if '\\u009f'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\u009f is not a valid universal character\n    1 | #if '\\u009f'\n      |     ^~~~~~~~\n")]
    [InlineData("#if L'\\u00'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u00\n    1 | #if L'\\u00'\n      |     ^~~~~~~\n")]
    [InlineData("#if '\\u'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u\n    1 | #if '\\u'\n      |     ^~~~\n")]
    [InlineData("#if '\\Ug'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\U\n    1 | #if '\\Ug'\n      |     ^~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if L'a\\u12b'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u12b\n    1 | #if L'a\\u12b'\n      |     ^~~~~~~~~\nt.dts:1:5: warning: character constant too long for its type\n")]
    [InlineData("#if '\\u00e9'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\\u00e9'\n      |     ^~~~~~~~\n")]
    [InlineData("#if L'\\u00e9'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\\U0001F600'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\\U0001F600'\n      |     ^~~~~~~~~~~~\n")]
    [InlineData("#if L'\\x100'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u'\\777'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if U'\\xffffffff'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u8'a'\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:7: error: missing binary operator before token \"'a'\"\n    1 | #if u8'a'\n      |       ^~~\n")]
    [InlineData("#if L'ab'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if L'ab'\n      |     ^~~~~\n")]
    [InlineData("#if u'ab'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if u'ab'\n      |     ^~~~~\n")]
    [InlineData("#if U'ab'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if U'ab'\n      |     ^~~~~\n")]
    [InlineData("#if L'\\x80000000' < 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u'\\xffff' > 0\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u'\\x10000'\nyes\n#else\nno\n#endif\n", false,
        "no\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if u'\\x10000'\n      |     ^~~~~~~~~~\n")]
    [InlineData("#if L'\\400'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if L'a' == 97\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if u'\u00e9'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if L'\u00e9'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if '\u00e9'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\u00c3\u00a9'\n      |     ^~~\n")]
    [InlineData("#if U'\\U0001F600'\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "")]
    [InlineData("#if 'a\\u12' == 0x6101\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u12\n    1 | #if 'a\\u12' == 0x6101\n      |     ^~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if L'a\\u12' == 1\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: incomplete universal character name \\u12\n    1 | #if L'a\\u12' == 1\n      |     ^~~~~~~~\nt.dts:1:5: warning: character constant too long for its type\n")]
    [InlineData("#if '\\u0041' == 1\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\u0041 is not a valid universal character\n    1 | #if '\\u0041' == 1\n      |     ^~~~~~~~\n")]
    [InlineData("#if 'a\\u0041b' == 0x610162\nyes\n#else\nno\n#endif\n", false,
        "yes\n",
        "t.dts:1:5: error: \\u0041 is not a valid universal character\n    1 | #if 'a\\u0041b' == 0x610162\n      |     ^~~~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#define S(x) #x\n#define X(a,b) a##b\n#define L 1\n#define u 2\n#define U 3\n#define u8 4\nS(L'a') S(u8\"s\") S(u'b') S(U\"c\") S(L\"d\") S(L'\\'') S(u\"\\\"q\\\"\")\nX(L,'a') X(u8,\"s\") X(u,'c') X(U,\"d\") X(L,\"e\")\nL'a' u8\"s\" L \"x\" u'c' U'd' u8'e' L\"f\" u\"g\" U\"h\"\na = L'\\'' ; b = u8\"\" ; c = Lx'a' ; d = xL'a';\n", false,
        "\"L'a'\" \"u8\\\"s\\\"\" \"u'b'\" \"U\\\"c\\\"\" \"L\\\"d\\\"\" \"L'\\\\''\" \"u\\\"\\\\\\\"q\\\\\\\"\\\"\"\nL'a' u8\"s\" u'c' U\"d\" L\"e\"\nL'a' u8\"s\" 1 \"x\" u'c' U'd' 4 'e' L\"f\" u\"g\" U\"h\"\na = L'\\'' ; b = u8\"\" ; c = Lx'a' ; d = xL'a';\n",
        "")]
    [InlineData("e = 'unterminated\nf = \"unterminated\ng = L'open\nh = u\"open\n#if 0\ni = 'skipped\n#endif\n#define S(x) #x\nS('z)\n", false,
        "e = 'unterminated\nf = \"unterminated\ng = L'open\nh = u\"open\nS\n",
        "t.dts:1:5: warning: missing terminating ' character\n    1 | e = 'unterminated\n      |     ^\nt.dts:2:5: warning: missing terminating \" character\n    2 | f = \"unterminated\n      |     ^\nt.dts:3:5: warning: missing terminating ' character\n    3 | g = L'open\n      |     ^\nt.dts:4:5: warning: missing terminating \" character\n    4 | h = u\"open\n      |     ^\nt.dts:6:5: warning: missing terminating ' character\n    6 | i = 'skipped\n      |     ^\nt.dts:9:3: warning: missing terminating ' character\n    9 | S('z)\n      |   ^\nt.dts:9:6: error: unterminated argument list invoking macro \"S\"\n    9 | S('z)\n      |      ^\n")]
    [InlineData("#line 5 L\"x.c\"\nA\n#line 6 u8\"y.c\"\nB\n", false,
        "A\nB\n",
        "t.dts:1:9: error: \"L\"x.c\"\" is not a valid filename\n    1 | #line 5 L\"x.c\"\n      |         ^~~~~~\nt.dts:3:9: error: \"u8\"y.c\"\" is not a valid filename\n    3 | #line 6 u8\"y.c\"\n      |         ^~~~~~~\n")]
    [InlineData("#if '\\x' == 0\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if '\\x' == 0\n      |     ^~~~\n")]
    [InlineData("#if '\\x'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if '\\x'\n      |     ^~~~\n")]
    [InlineData("#if u'a' - 98 < 0\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'a'\"\n    1 | #if u'a' - 98 < 0\n      |      ^~~\n")]
    [InlineData("#if L'a' - 98 < 0\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if U'a' - 98 < 0\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'a'\"\n    1 | #if U'a' - 98 < 0\n      |      ^~~\n")]
    [InlineData("#if 'a' - 98 < 0\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if L'\\xffffffff' == -1\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if L'\\x100000000'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if L'\\x100000000'\n      |     ^~~~~~~~~~~~~~\n")]
    [InlineData("#if U'\\x100000000' == 0\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\x100000000'\"\n    1 | #if U'\\x100000000' == 0\n      |      ^~~~~~~~~~~~~\n")]
    [InlineData("#if u'\\x1ffff' == 0xffff\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\x1ffff'\"\n    1 | #if u'\\x1ffff' == 0xffff\n      |      ^~~~~~~~~\n")]
    [InlineData("#if L'\\U0001F600' == 0x1F600\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'\\U0001F600' == 0x1F600\n      |     ^~~~~~~~~~~~~\n")]
    [InlineData("#if u'\\U0001F600'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\U0001F600'\"\n    1 | #if u'\\U0001F600'\n      |      ^~~~~~~~~~~~\n")]
    [InlineData("#if u'\\U0001F600' == 0xDE00\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\U0001F600'\"\n    1 | #if u'\\U0001F600' == 0xDE00\n      |      ^~~~~~~~~~~~\n")]
    [InlineData("#if '\\u00e9' == 0xc3a9\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u00e9' == 0xc3a9\n      |     ^~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if '\\u00a0' == 0xc2a0\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u00a0' == 0xc2a0\n      |     ^~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if '\\U00110000' == -191856512\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\U00110000' == -191856512\n      |     ^~~~~~~~~~~~\nt.dts:1:5: warning: \\U00110000 is outside the UCS codespace\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if '\\u12'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u12'\n      |     ^~~~~~\nt.dts:1:5: error: incomplete universal character name \\u12\n")]
    [InlineData("#if L'\\u12'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'\\u12'\n      |     ^~~~~~~\nt.dts:1:5: error: incomplete universal character name \\u12\n")]
    [InlineData("#if '\\e' == 27\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if '\\(' == 40\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if '\\%' == 37\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if '\\q' == 113\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: unknown escape sequence: '\\q'\n    1 | #if '\\q' == 113\n      |     ^~~~\n")]
    [InlineData("#if '\\ ' == 32\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: unknown escape sequence: '\\040'\n    1 | #if '\\ ' == 32\n      |     ^~~~\n")]
    [InlineData("#if L''\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:5: error: empty character constant\n    1 | #if L''\n      |     ^~~\n")]
    [InlineData("#if u''\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"''\"\n    1 | #if u''\n      |      ^~\n")]
    [InlineData("#if L'ab' == 98\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if L'ab' == 98\n      |     ^~~~~\n")]
    [InlineData("#if u'\u00e9' == 0xe9\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\u00c3\u00a9'\"\n    1 | #if u'\u00c3\u00a9' == 0xe9\n      |      ^~~\n")]
    [InlineData("#if L'\u00e9' == 233\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if U'\\377' == 255\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\377'\"\n    1 | #if U'\\377' == 255\n      |      ^~~~~~\n")]
    [InlineData("#if L'\\777' == 511\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if '\\777' == -1\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: octal escape sequence out of range\n    1 | #if '\\777' == -1\n      |     ^~~~~~\n")]
    [InlineData("#if '\\400' == 0\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: octal escape sequence out of range\n    1 | #if '\\400' == 0\n      |     ^~~~~~\n")]
    [InlineData("#if '\\x1ff' == -1\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: hex escape sequence out of range\n    1 | #if '\\x1ff' == -1\n      |     ^~~~~~~\n")]
    [InlineData("#if L'\\x\u00e9'==0xe9\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if L'\\x\u00c3\u00a9'==0xe9\n      |     ^~~~~~\n")]
    [InlineData("#if '\\u0024' == 36\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u0024' == 36\n      |     ^~~~~~~~\n")]
    [InlineData("#if '\\u0060' == 96\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u0060' == 96\n      |     ^~~~~~~~\n")]
    [InlineData("#if '\\u0040' == 64\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u0040' == 64\n      |     ^~~~~~~~\n")]
    [InlineData("#if u'\\u00e9' == 233\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\u00e9'\"\n    1 | #if u'\\u00e9' == 233\n      |      ^~~~~~~~\n")]
    [InlineData("#if 'a\\x' == 97\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: error: \\x used with no following hex digits\n    1 | #if 'a\\x' == 97\n      |     ^~~~~\n")]
    [InlineData("#if '\\U0010FFFF' == -191889473\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\U0010FFFF' == -191889473\n      |     ^~~~~~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if u'\\U00110000'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\U00110000'\"\n    1 | #if u'\\U00110000'\n      |      ^~~~~~~~~~~~\n")]
    [InlineData("#if L'\\U00110000' == 0x110000\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'\\U00110000' == 0x110000\n      |     ^~~~~~~~~~~~~\nt.dts:1:5: warning: \\U00110000 is outside the UCS codespace\n")]
    [InlineData("#if '\\u0000'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u0000'\n      |     ^~~~~~~~\nt.dts:1:5: error: \\u0000 is not a valid universal character\n")]
    [InlineData("#if '\\u009f'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u009f'\n      |     ^~~~~~~~\nt.dts:1:5: error: \\u009f is not a valid universal character\n")]
    [InlineData("#if L'\\u00'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'\\u00'\n      |     ^~~~~~~\nt.dts:1:5: error: incomplete universal character name \\u00\n")]
    [InlineData("#if '\\u'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u'\n      |     ^~~~\nt.dts:1:5: error: incomplete universal character name \\u\n")]
    [InlineData("#if '\\Ug'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\Ug'\n      |     ^~~~~\nt.dts:1:5: error: incomplete universal character name \\U\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if L'a\\u12b'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'a\\u12b'\n      |     ^~~~~~~~~\nt.dts:1:5: error: incomplete universal character name \\u12b\nt.dts:1:5: warning: character constant too long for its type\n")]
    [InlineData("#if '\\u00e9'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u00e9'\n      |     ^~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if L'\\u00e9'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'\\u00e9'\n      |     ^~~~~~~~~\n")]
    [InlineData("#if '\\U0001F600'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\U0001F600'\n      |     ^~~~~~~~~~~~\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if L'\\x100'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if u'\\777'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\777'\"\n    1 | #if u'\\777'\n      |      ^~~~~~\n")]
    [InlineData("#if U'\\xffffffff'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\xffffffff'\"\n    1 | #if U'\\xffffffff'\n      |      ^~~~~~~~~~~~\n")]
    [InlineData("#if u8'a'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:7: error: missing binary operator before token \"'a'\"\n    1 | #if u8'a'\n      |       ^~~\n")]
    [InlineData("#if L'ab'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: character constant too long for its type\n    1 | #if L'ab'\n      |     ^~~~~\n")]
    [InlineData("#if u'ab'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'ab'\"\n    1 | #if u'ab'\n      |      ^~~~\n")]
    [InlineData("#if U'ab'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'ab'\"\n    1 | #if U'ab'\n      |      ^~~~\n")]
    [InlineData("#if L'\\x80000000' < 0\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if u'\\xffff' > 0\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\xffff'\"\n    1 | #if u'\\xffff' > 0\n      |      ^~~~~~~~\n")]
    [InlineData("#if u'\\x10000'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\x10000'\"\n    1 | #if u'\\x10000'\n      |      ^~~~~~~~~\n")]
    [InlineData("#if L'\\400'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if L'a' == 97\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if u'\u00e9'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\u00c3\u00a9'\"\n    1 | #if u'\u00c3\u00a9'\n      |      ^~~\n")]
    [InlineData("#if L'\u00e9'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "")]
    [InlineData("#if '\u00e9'\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\n    1 | #if '\u00c3\u00a9'\n      |     ^~~\n")]
    [InlineData("#if U'\\U0001F600'\nyes\n#else\nno\n#endif\n", true,
        "no\n",
        "t.dts:1:6: error: missing binary operator before token \"'\\U0001F600'\"\n    1 | #if U'\\U0001F600'\n      |      ^~~~~~~~~~~~\n")]
    [InlineData("#if 'a\\u12' == 0x6101\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if 'a\\u12' == 0x6101\n      |     ^~~~~~~\nt.dts:1:5: error: incomplete universal character name \\u12\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#if L'a\\u12' == 1\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if L'a\\u12' == 1\n      |     ^~~~~~~~\nt.dts:1:5: error: incomplete universal character name \\u12\nt.dts:1:5: warning: character constant too long for its type\n")]
    [InlineData("#if '\\u0041' == 1\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if '\\u0041' == 1\n      |     ^~~~~~~~\nt.dts:1:5: error: \\u0041 is not a valid universal character\n")]
    [InlineData("#if 'a\\u0041b' == 0x610162\nyes\n#else\nno\n#endif\n", true,
        "yes\n",
        "t.dts:1:5: warning: universal character names are only valid in C++ and C99\n    1 | #if 'a\\u0041b' == 0x610162\n      |     ^~~~~~~~~~\nt.dts:1:5: error: \\u0041 is not a valid universal character\nt.dts:1:5: warning: multi-character character constant [-Wmultichar]\n")]
    [InlineData("#define S(x) #x\n#define X(a,b) a##b\n#define L 1\n#define u 2\n#define U 3\n#define u8 4\nS(L'a') S(u8\"s\") S(u'b') S(U\"c\") S(L\"d\") S(L'\\'') S(u\"\\\"q\\\"\")\nX(L,'a') X(u8,\"s\") X(u,'c') X(U,\"d\") X(L,\"e\")\nL'a' u8\"s\" L \"x\" u'c' U'd' u8'e' L\"f\" u\"g\" U\"h\"\na = L'\\'' ; b = u8\"\" ; c = Lx'a' ; d = xL'a';\n", true,
        "\"L'a'\" \"u8\\\"s\\\"\" \"u'b'\" \"U\\\"c\\\"\" \"L\\\"d\\\"\" \"L'\\\\''\" \"u\\\"\\\\\\\"q\\\\\\\"\\\"\"\nL'a' 4\"s\" 2 'c' 3\"d\" L\"e\"\nL'a' 4\"s\" 1 \"x\" 2 'c' 3 'd' 4 'e' L\"f\" 2\"g\" 3\"h\"\na = L'\\'' ; b = 4\"\" ; c = Lx'a' ; d = xL'a';\n",
        "")]
    [InlineData("e = 'unterminated\nf = \"unterminated\ng = L'open\nh = u\"open\n#if 0\ni = 'skipped\n#endif\n#define S(x) #x\nS('z)\n", true,
        "e = 'unterminated\nf = \"unterminated\ng = L'open\nh = u\"open\nS\n",
        "t.dts:9:6: error: unterminated argument list invoking macro \"S\"\n    9 | S('z)\n      |      ^\n")]
    [InlineData("#line 5 L\"x.c\"\nA\n#line 6 u8\"y.c\"\nB\n", true,
        "A\nB\n",
        "t.dts:1:9: error: \"L\"x.c\"\" is not a valid filename\n    1 | #line 5 L\"x.c\"\n      |         ^~~~~~\nt.dts:3:9: error: \"u8\" is not a valid filename\n    3 | #line 6 u8\"y.c\"\n      |         ^~\n")]
    public void Constants_and_literals_are_read_as_cpp_reads_them(string source, bool assembler, string text, string stderr)
    {
        var (actualStderr, actualText) = OneSource.Run(System.Text.Encoding.UTF8.GetBytes(source), assembler);
        Assert.Equal(stderr, actualStderr);
        Assert.Equal(text, actualText);
    }
}
