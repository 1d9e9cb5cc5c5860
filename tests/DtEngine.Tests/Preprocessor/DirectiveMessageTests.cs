using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// Directives cpp reports on and goes on from: each expected text and stderr is GNU cpp 12's (Debian 12.2.0) for
/// <c>cpp -nostdinc -undef -x assembler-with-cpp -P -Iinc t.dts</c>, with an empty inc/a.h.
/// </summary>
public class DirectiveMessageTests
{
    [Theory]
    // #error and #warning spell the line's tokens, one blank for any white space or comment between two
    [InlineData("#error a /* c */ b // x\n#error \"str  ing\"   x\\\n  y\n#warning  a\tb\n#error\n#warning\n#error a/**/b\n",
        "",
        "t.dts:1:2: error: #error a b\n    1 | #error a /* c */ b // x\n      |  ^~~~~\nt.dts:2:2: error: #error \"str  ing\" x y\n    2 | #error \"str  ing\"   x\\\n      |  ^~~~~\nt.dts:4:2: warning: #warning a b [-Wcpp]\n    4 | #warning  a     b\n      |  ^~~~~~~\nt.dts:5:2: error: #error \n    5 | #error\n      |  ^~~~~\nt.dts:6:2: warning: #warning  [-Wcpp]\n    6 | #warning\n      |  ^~~~~~~\nt.dts:7:2: error: #error a b\n    7 | #error a/**/b\n      |  ^~~~~\n")]
    // #else after #else: two errors, and the group after it is skipped
    [InlineData("#if 0\n#else\nA\n#else\nB\n#endif\n",
        "A\n",
        "t.dts:4:2: error: #else after #else\n    4 | #else\n      |  ^~~~\nt.dts:1: error: the conditional began here\n    1 | #if 0\n      | \n")]
    // #elif after #else: the conditional is an #elif again, so the #else after it is no error
    [InlineData("#if 1\nA\n#else\nB\n#elif 1\nC\n#else\nD\n#endif\n",
        "A\n",
        "t.dts:5:2: error: #elif after #else\n    5 | #elif 1\n      |  ^~~~\nt.dts:1: error: the conditional began here\n    1 | #if 1\n      | \n")]
    // an unterminated conditional is named by its last directive
    [InlineData("#ifdef X\n#else\n",
        "",
        "t.dts:1: error: unterminated #else\n    1 | #ifdef X\n      | \n")]
    // an #elifdef is an #elif
    [InlineData("#if 1\n#elifdef X\n",
        "",
        "t.dts:1: error: unterminated #elif\n    1 | #if 1\n      | \n")]
    // a constant too large is a warning, its low 64 bits signed; a decimal one too large to be signed is unsigned, with a warning
    [InlineData("#if 99999999999999999999 > 0\nA\n#endif\n#if 18446744073709551615 > 0\nB\n#endif\n#if 0x1FFFFFFFFFFFFFFFF < 0\nC\n#endif\n",
        "A\nB\nC\n",
        "t.dts:1:5: warning: integer constant is too large for its type\n    1 | #if 99999999999999999999 > 0\n      |     ^~~~~~~~~~~~~~~~~~~~\nt.dts:4:5: warning: integer constant is so large that it is unsigned\n    4 | #if 18446744073709551615 > 0\n      |     ^~~~~~~~~~~~~~~~~~~~\nt.dts:7:5: warning: integer constant is too large for its type\n    7 | #if 0x1FFFFFFFFFFFFFFFF < 0\n      |     ^~~~~~~~~~~~~~~~~~~\n")]
    // __VA_OPT__ is checked as the definition is read, and a definition that fails is not made
    [InlineData("#define F(...) __VA_OPT__(\n#define G(...) __VA_OPT__ x\n#define H(...) __VA_OPT__(__VA_OPT__())\n#define I(...) __VA_OPT__(## x)\n#define J(...) __VA_OPT__(x ##)\nF() G(1) H(1) I(1) J(1)\n",
        "F() G(1) H(1) I(1) J(1)\n",
        "t.dts:1:16: error: unterminated __VA_OPT__\n    1 | #define F(...) __VA_OPT__(\n      |                ^~~~~~~~~~\nt.dts:2:16: error: __VA_OPT__ must be followed by an open parenthesis\n    2 | #define G(...) __VA_OPT__ x\n      |                ^~~~~~~~~~\nt.dts:3:27: error: __VA_OPT__ may not appear in a __VA_OPT__\n    3 | #define H(...) __VA_OPT__(__VA_OPT__())\n      |                           ^~~~~~~~~~\nt.dts:4:27: error: '##' cannot appear at either end of __VA_OPT__\n    4 | #define I(...) __VA_OPT__(## x)\n      |                           ^~\nt.dts:5:31: error: '##' cannot appear at either end of __VA_OPT__\n    5 | #define J(...) __VA_OPT__(x ##)\n      |                               ^\n")]
    // __VA_ARGS__ and __VA_OPT__ outside a variadic macro: a caret alone
    [InlineData("__VA_ARGS__ x\n#define G(x) __VA_OPT__(x)\n",
        "__VA_ARGS__ x\n",
        "t.dts:1:1: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro\n    1 | __VA_ARGS__ x\n      | ^\nt.dts:2:14: warning: __VA_OPT__ can only appear in the expansion of a C++20 variadic macro\n    2 | #define G(x) __VA_OPT__(x)\n      |              ^\n")]
    // an unterminated comment is an error the run goes on after: the comment ends the file
    [InlineData("a /* b\n c\n",
        "a\n",
        "t.dts:1:3: error: unterminated comment\n    1 | a /* b\n      |   ^\n")]
    // at the line #line gives
    [InlineData("#line 10\nx /* y\n",
        "x\n",
        "t.dts:10:3: error: unterminated comment\n")]
    // __has_include's errors are cpp's, at the last token read (a line's end is none), and the expression goes on
    [InlineData("#if __has_include\n#endif\n#if __has_include(\n#endif\n#if __has_include(\"a.h\"\n#endif\n#if __has_include()\n#endif\n",
        "",
        "t.dts:1:5: error: missing '(' before \"__has_include\" operand\n    1 | #if __has_include\n      |     ^~~~~~~~~~~~~\nt.dts:1:5: error: operator \"__has_include\" requires a header-name\nt.dts:3:18: error: operator \"__has_include\" requires a header-name\n    3 | #if __has_include(\n      |                  ^\nt.dts:3:18: error: missing ')' after \"__has_include\" operand\nt.dts:5:19: error: missing ')' after \"__has_include\" operand\n    5 | #if __has_include(\"a.h\"\n      |                   ^~~~~\nt.dts:7:19: error: operator \"__has_include\" requires a header-name\n    7 | #if __has_include()\n      |                   ^\nt.dts:7:19: error: missing ')' after \"__has_include\" operand\n")]
    // without '(' the header is still looked for; '<' glues to the line's end without '>'; a macro can name the header
    [InlineData("#if __has_include \"a.h\"\nA\n#endif\n#if __has_include(<a.h)\n#endif\n#if __has_include(\"a.h\" 1)\n#endif\n#define H <a.h>\n#if __has_include(H) && __has_include(< a . h >)\nB\n#endif\n",
        "A\n",
        "t.dts:1:19: error: missing '(' before \"__has_include\" operand\n    1 | #if __has_include \"a.h\"\n      |                   ^~~~~\nt.dts:4:24: error: missing terminating > character\n    4 | #if __has_include(<a.h)\n      |                        ^\nt.dts:4:24: error: missing ')' after \"__has_include\" operand\nt.dts:6:25: error: missing ')' after \"__has_include\" operand\n    6 | #if __has_include(\"a.h\" 1)\n      |                         ^\nt.dts:6:26: error: missing '(' in expression\n    6 | #if __has_include(\"a.h\" 1)\n      |                          ^\n")]
    // an operand wanted after '?', ':' or ',' as after any operator: a ')', the line's end or an operator needing a left operand there has cpp's 'no right operand'
    [InlineData("#if (1 ? )\n#endif\n#if 1 ? 2 :\n#endif\n#if (1,)\n#endif\n#if 1 ? * 2 : 3\n#endif\n#if 1 + ?\n#endif\n",
        "",
        "t.dts:1:10: error: operator '?' has no right operand\n    1 | #if (1 ? )\n      |          ^\nt.dts:3:12: error: operator ':' has no right operand\n    3 | #if 1 ? 2 :\n      |            ^\nt.dts:5:8: error: operator ',' has no right operand\n    5 | #if (1,)\n      |        ^\nt.dts:7:9: error: operator '?' has no right operand\n    7 | #if 1 ? * 2 : 3\n      |         ^\nt.dts:9:9: error: operator '+' has no right operand\n    9 | #if 1 + ?\n      |         ^\n")]
    // #ident and #sccs want a string, and nothing after it
    [InlineData("#ident x\n#ident\n#ident \"a\" b\n#sccs 1\n#ident abc def\n",
        "",
        "t.dts:1:8: error: invalid #ident directive\n    1 | #ident x\n      |        ^\nt.dts:2:7: error: invalid #ident directive\n    2 | #ident\n      |       ^\nt.dts:3:12: warning: extra tokens at end of #ident directive\n    3 | #ident \"a\" b\n      |            ^\nt.dts:4:7: error: invalid #sccs directive\n    4 | #sccs 1\n      |       ^\nt.dts:5:8: error: invalid #ident directive\n    5 | #ident abc def\n      |        ^~~\nt.dts:5:12: warning: extra tokens at end of #ident directive\n    5 | #ident abc def\n      |            ^~~\n")]
    // #pragma GCC warning and error want a string; what follows it is ignored
    [InlineData("#pragma GCC warning\n#pragma GCC warning x\n#pragma GCC warning \"a\" \"b\"\n#pragma GCC warning (\"a\")\n#pragma GCC error \"e\" x\n",
        "       \n       \n       \n       \n       \n",
        "t.dts:1:20: error: invalid \"#pragma GCC warning\" directive\n    1 | #pragma GCC warning\n      |                    ^\nt.dts:2:21: error: invalid \"#pragma GCC warning\" directive\n    2 | #pragma GCC warning x\n      |                     ^\nt.dts:3:21: warning: a\n    3 | #pragma GCC warning \"a\" \"b\"\n      |                     ^~~\nt.dts:4:21: error: invalid \"#pragma GCC warning\" directive\n    4 | #pragma GCC warning (\"a\")\n      |                     ^\nt.dts:5:19: error: e\n    5 | #pragma GCC error \"e\" x\n      |                   ^~~\n")]
    // #pragma GCC poison: a poisoned name is an error where it is read (not in a skipped group, not in the pragma); a directive naming it does nothing
    [InlineData("#define X 1\n#pragma GCC poison X Y 2 Z\nX Y Z\n#define Y\n#ifdef X\na\n#else\nb\n#endif\n#ifndef X\nc\n#endif\n#pragma GCC poison X\n#undef X\n#if 0\nX\n#endif\n",
        "       \nX Y Z\nb\n       \n",
        "t.dts:2:20: warning: poisoning existing macro \"X\"\n    2 | #pragma GCC poison X Y 2 Z\n      |                    ^\nt.dts:2:24: error: invalid #pragma GCC poison directive\n    2 | #pragma GCC poison X Y 2 Z\n      |                        ^\nt.dts:3:1: error: attempt to use poisoned \"X\"\n    3 | X Y Z\n      | ^\nt.dts:3:3: error: attempt to use poisoned \"Y\"\n    3 | X Y Z\n      |   ^\nt.dts:4:9: error: attempt to use poisoned \"Y\"\n    4 | #define Y\n      |         ^\nt.dts:5:8: error: attempt to use poisoned \"X\"\n    5 | #ifdef X\n      |        ^\nt.dts:10:9: error: attempt to use poisoned \"X\"\n   10 | #ifndef X\n      |         ^\nt.dts:14:8: error: attempt to use poisoned \"X\"\n   14 | #undef X\n      |        ^\n")]
    // #pragma GCC dependency wants a header name
    [InlineData("#pragma GCC dependency\n#pragma GCC dependency x\n#pragma GCC dependency <a.h\n#pragma GCC dependency \"a.h\"\n",
        "       \n       \n       \n       \n",
        "t.dts:1:23: error: #pragma dependency expects \"FILENAME\" or <FILENAME>\n    1 | #pragma GCC dependency\n      |                       ^\nt.dts:2:24: error: #pragma dependency expects \"FILENAME\" or <FILENAME>\n    2 | #pragma GCC dependency x\n      |                        ^\nt.dts:3:28: error: missing terminating > character\n    3 | #pragma GCC dependency <a.h\n      |                            ^\n")]
    // #assert, #unassert and #if #pred(answer): GCC's deprecated assertions, their warnings and errors; answers compare as spelled
    [InlineData("#assert 1\n#assert abc\n#assert x(\n#assert x()\n#assert x(y) z\n#assert x( y  z )\n#assert x(y z)\n#unassert x(y z)\n#if #x(y z) && #x && #q\nA\n#endif\n#unassert x\n#if #x\nB\n#endif\n#if #\n#endif\n#if # 1\n#endif\n#if #x(\n#endif\n",
        "",
        "t.dts:1:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    1 | #assert 1\n      |  ^~~~~~\nt.dts:1:9: error: predicate must be an identifier\n    1 | #assert 1\n      |         ^\nt.dts:2:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    2 | #assert abc\n      |  ^~~~~~\nt.dts:2:9: error: missing '(' after predicate\n    2 | #assert abc\n      |         ^~~\nt.dts:3:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    3 | #assert x(\n      |  ^~~~~~\nt.dts:3:11: error: missing ')' to complete answer\n    3 | #assert x(\n      |           ^\nt.dts:4:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    4 | #assert x()\n      |  ^~~~~~\nt.dts:4:11: error: predicate's answer is empty\n    4 | #assert x()\n      |           ^\nt.dts:5:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    5 | #assert x(y) z\n      |  ^~~~~~\nt.dts:5:14: warning: extra tokens at end of #assert directive\n    5 | #assert x(y) z\n      |              ^\nt.dts:6:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    6 | #assert x( y  z )\n      |  ^~~~~~\nt.dts:7:2: warning: #assert is a deprecated GCC extension [-Wdeprecated]\n    7 | #assert x(y z)\n      |  ^~~~~~\nt.dts:7:14: warning: \"x\" re-asserted\n    7 | #assert x(y z)\n      |              ^\nt.dts:8:2: warning: #unassert is a deprecated GCC extension [-Wdeprecated]\n    8 | #unassert x(y z)\n      |  ^~~~~~~~\nt.dts:9:5: warning: assertions are a deprecated extension [-Wdeprecated]\n    9 | #if #x(y z) && #x && #q\n      |     ^\nt.dts:9:16: warning: assertions are a deprecated extension [-Wdeprecated]\n    9 | #if #x(y z) && #x && #q\n      |                ^\nt.dts:9:22: warning: assertions are a deprecated extension [-Wdeprecated]\n    9 | #if #x(y z) && #x && #q\n      |                      ^\nt.dts:12:2: warning: #unassert is a deprecated GCC extension [-Wdeprecated]\n   12 | #unassert x\n      |  ^~~~~~~~\nt.dts:13:5: warning: assertions are a deprecated extension [-Wdeprecated]\n   13 | #if #x\n      |     ^\nt.dts:16:5: warning: assertions are a deprecated extension [-Wdeprecated]\n   16 | #if #\n      |     ^\nt.dts:16:6: error: assertion without predicate\n   16 | #if #\n      |      ^\nt.dts:18:5: warning: assertions are a deprecated extension [-Wdeprecated]\n   18 | #if # 1\n      |     ^\nt.dts:18:7: error: predicate must be an identifier\n   18 | #if # 1\n      |       ^\nt.dts:20:5: warning: assertions are a deprecated extension [-Wdeprecated]\n   20 | #if #x(\n      |     ^\nt.dts:20:8: error: missing ')' to complete answer\n   20 | #if #x(\n      |        ^\n")]
    // no warning in a skipped group; #import warns as it includes
    [InlineData("#if 0\n#assert\n#import \"zz.h\"\n#endif\n#import \"a.h\" x\n",
        "",
        "t.dts:5:2: warning: #import is a deprecated GCC extension [-Wdeprecated]\n    5 | #import \"a.h\" x\n      |  ^~~~~~\nt.dts:5:15: warning: extra tokens at end of #import directive\n    5 | #import \"a.h\" x\n      |               ^\n")]
    // a message on line 0 names the file alone
    [InlineData("#line 0\n#error z\n",
        "",
        "t.dts: error: #error z\n")]
    // numbers as cpp classifies them: exponent, suffixes whole, hexadecimal and binary floats, fixed-point
    [InlineData("#if 1e\n#endif\n#if 1LLL\n#endif\n#if 1uu\n#endif\n#if 0x1.0\n#endif\n#if 0b1.0\n#endif\n#if 1..2\n#endif\n#if 1.0x\n#endif\n#if 1k\n#endif\n#if 09 + 08\n#endif\n",
        "",
        "t.dts:1:5: error: exponent has no digits\n    1 | #if 1e\n      |     ^~\nt.dts:3:5: error: invalid suffix \"LLL\" on integer constant\n    3 | #if 1LLL\n      |     ^~~~\nt.dts:5:5: error: invalid suffix \"uu\" on integer constant\n    5 | #if 1uu\n      |     ^~~\nt.dts:7:5: error: hexadecimal floating constants require an exponent\n    7 | #if 0x1.0\n      |     ^~~~~\nt.dts:9:5: error: invalid prefix \"0b\" for floating constant\n    9 | #if 0b1.0\n      |     ^~~~~\nt.dts:11:5: error: too many decimal points in number\n   11 | #if 1..2\n      |     ^~~~\nt.dts:13:5: error: invalid suffix \"x\" on floating constant\n   13 | #if 1.0x\n      |     ^~~~\nt.dts:15:5: error: floating constant in preprocessor expression\n   15 | #if 1k\n      |     ^~\nt.dts:17:5: error: invalid digit \"9\" in octal constant\n   17 | #if 09 + 08\n      |     ^~\nt.dts:17:10: error: invalid digit \"8\" in octal constant\n   17 | #if 09 + 08\n      |          ^~\n")]
    // a bad operand is an error the expression goes on after, with 0 in its place (a division by zero gives its left operand)
    [InlineData("#if 1i || 1\nA\n#endif\n#if '' || 1\nB\n#endif\n#if 5 / 0 || 1\nC\n#endif\n#if 1e + 1.0\nD\n#endif\n",
        "A\nB\nC\n",
        "t.dts:1:5: error: imaginary number in preprocessor expression\n    1 | #if 1i || 1\n      |     ^~\nt.dts:4:5: error: empty character constant\n    4 | #if '' || 1\n      |     ^~\nt.dts:7:7: error: division by zero in #if\n    7 | #if 5 / 0 || 1\n      |       ^\nt.dts:10:5: error: exponent has no digits\n   10 | #if 1e + 1.0\n      |     ^~\nt.dts:10:10: error: floating constant in preprocessor expression\n   10 | #if 1e + 1.0\n      |          ^~~\n")]
    // signed overflow is warned of at the token that ends the right operand, where evaluated
    [InlineData("#if 1 << 63\n#endif\n#if 9223372036854775807 + 1 > 0\n#endif\n#if -(-9223372036854775807 - 1)\n#endif\n#if (-9223372036854775807 - 1) / -1\n#endif\n#if 1 << 62 << 1 || 0 && 9223372036854775807 * 2\n#endif\n#if -1 << 1 || 1u << 64\n#endif\n",
        "",
        "t.dts:1:12: warning: integer overflow in preprocessor expression\n    1 | #if 1 << 63\n      |            ^\nt.dts:3:29: warning: integer overflow in preprocessor expression\n    3 | #if 9223372036854775807 + 1 > 0\n      |                             ^\nt.dts:5:32: warning: integer overflow in preprocessor expression\n    5 | #if -(-9223372036854775807 - 1)\n      |                                ^\nt.dts:7:36: warning: integer overflow in preprocessor expression\n    7 | #if (-9223372036854775807 - 1) / -1\n      |                                    ^\nt.dts:9:18: warning: integer overflow in preprocessor expression\n    9 | #if 1 << 62 << 1 || 0 && 9223372036854775807 * 2\n      |                  ^~\n")]
    // a macro call in #if: an unterminated one at the line's end, a wrong count with its 'defined here' note
    [InlineData("#define f(x) x\n#if f(\n#endif\n#if f(1,2)\n#endif\n",
        "",
        "t.dts:2:7: error: unterminated argument list invoking macro \"f\"\n    2 | #if f(\n      |       ^\nt.dts:4:10: error: macro \"f\" passed 2 arguments, but takes just 1\n    4 | #if f(1,2)\n      |          ^\nt.dts:1: note: macro \"f\" defined here\n    1 | #define f(x) x\n      | \n")]
    // blanks between a backslash and its newline still splice, with cpp's warning (not in a comment); a splice at the file's end is warned of too, at the same place: no second excerpt
    [InlineData("#define X 1 \\  \n + 2\nX /* a \\ \nb */ y\n\"s \\\t\n t\" \\\n",
        "1 + 2 y\n\"s  t\"\n",
        "t.dts:1:13: warning: backslash and newline separated by space\n    1 | #define X 1 \\\n      |              \nt.dts:5:4: warning: backslash and newline separated by space\n    5 | \"s \\\n      |     \nt.dts:5:4: warning: backslash-newline at end of file\n")]
    // trigraphs are not read but warned of, in skipped groups and strings too, in a comment only as a ??/ before the newline; one excerpt a line
    [InlineData("#if 0\n??=\n#endif\n\"a??!b\"\n/* ??= */ x\n// ??/\ny\n/* ??/\n*/ z\na ??/ \nb\ny ??( ??)\n",
        "\"a??!b\"\n          x\ny\n   z\na ??/\nb\ny ??( ??)\n",
        "t.dts:2:1: warning: trigraph ??= ignored, use -trigraphs to enable [-Wtrigraphs]\n    2 | ??=\n      |  \nt.dts:4:3: warning: trigraph ??! ignored, use -trigraphs to enable [-Wtrigraphs]\n    4 | \"a??!b\"\n      |    \nt.dts:6:4: warning: trigraph ??/ ignored, use -trigraphs to enable [-Wtrigraphs]\n    6 | // ??/\n      |     \nt.dts:8:4: warning: trigraph ??/ ignored, use -trigraphs to enable [-Wtrigraphs]\n    8 | /* ??/\n      |     \nt.dts:10:3: warning: trigraph ??/ ignored, use -trigraphs to enable [-Wtrigraphs]\n   10 | a ??/\n      |    \nt.dts:12:3: warning: trigraph ??( ignored, use -trigraphs to enable [-Wtrigraphs]\n   12 | y ??( ??)\n      |    \nt.dts:12:7: warning: trigraph ??) ignored, use -trigraphs to enable [-Wtrigraphs]\n")]
    // a builtin macro's result is marked over the macro's name
    [InlineData("#if __FILE__\n#endif\n#line __LINE__ __FILE__ x\n",
        "",
        "t.dts:1:5: error: token \"\"t.dts\"\" is not valid in preprocessor expressions\n    1 | #if __FILE__\n      |     ^~~~~~~~\nt.dts:3:25: warning: extra tokens at end of #line directive\n    3 | #line __LINE__ __FILE__ x\n      |                         ^\n")]
    // a carriage return before a newline is part of it: a line end's column is the return's
    [InlineData("#if 1 +\r\n#endif\r\n#define X 1 \\\r\n + 2\r\nX\r\n",
        "1 + 2\n",
        "t.dts:1:8: error: operator '+' has no right operand\n    1 | #if 1 +\n      |        ^\n")]
    // a #line name's escapes: \( is its character without a warning (GNU, for Emacs), \q unknown, a blank shown in octal
    [InlineData("#line 5 \"a\\(b\\q\\ c\"\n__FILE__\n",
        "\"a(bq c\"\n",
        "t.dts:1:9: warning: unknown escape sequence: '\\q'\n    1 | #line 5 \"a\\(b\\q\\ c\"\n      |         ^~~~~~~~~~~\nt.dts:1:9: warning: unknown escape sequence: '\\040'\n")]
    // a UTF-8 byte order mark is dropped as the file is read: columns and the excerpt start after it
    [InlineData("\ufeff#error bom\n",
        "",
        "t.dts:1:2: error: #error bom\n    1 | #error bom\n      |  ^~~~~\n")]
    public void Directives_are_reported_and_run_as_cpp_does(string source, string text, string stderr)
    {
        var result = CPreprocessor.Run("t.dts", new PpOptions
        {
            LineMarkers = false,
            IncludePaths = ["inc"],
            ReadFile = p => p switch { "t.dts" => System.Text.Encoding.UTF8.GetBytes(source), "inc/a.h" => [], _ => null },
        });
        Assert.Equal(stderr, string.Concat(result.Messages.Select(m => m.Printed + "\n")));
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void A_line_directive_name_has_its_escapes_read()
    {
        // messages show the name as it is; line markers and __FILE__ quote it again (GNU cpp 12, without -P)
        var source = "#line 5 \"a\\\\b\"\n#error e\n#line 6 \"c\\101\\x42\\\"\\qd\"\n__FILE__\n";
        var result = CPreprocessor.Run("t.dts", new PpOptions { ReadFile = p => p == "t.dts" ? System.Text.Encoding.ASCII.GetBytes(source) : null });
        Assert.Equal("a\\b:5:2: error: #error e\na\\b:6:9: warning: unknown escape sequence: '\\q'\n",
            string.Concat(result.Messages.Select(m => m.Printed + "\n")));
        Assert.Equal("# 0 \"t.dts\"\n# 0 \"<built-in>\"\n# 0 \"<command-line>\"\n# 1 \"t.dts\"\n# 5 \"a\\\\b\"\n# 6 \"cAB\\\"qd\"\n\"cAB\\\"qd\"\n",
            result.Text);
    }

    [Fact]
    public void A_glued_header_name_keeps_a_blank_before_its_first_token()
    {
        // cpp's glue_header_name: '< a.h >' from a macro names " a.h" (GNU cpp 12 reads inc/" a.h")
        var result = CPreprocessor.Run("t.dts", new PpOptions
        {
            LineMarkers = false,
            IncludePaths = ["inc"],
            ReadFile = p => p switch { "t.dts" => "#define H < a.h >\n#include H\n"u8.ToArray(), "inc/ a.h" => "in a\n"u8.ToArray(), _ => null },
        });
        Assert.Empty(result.Messages);
        Assert.Equal("in a\n", result.Text);
    }
}
