namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// Where cpp points a message about a macro call it is reading, and how it spaces what a paste leaves: each expected
/// text and stderr is GNU cpp 12's (Debian 12.2.0) for <c>cpp -nostdinc -undef -x assembler-with-cpp -P t.dts</c>.
/// The place is cpp's last lexed token: the last token read from the file (an outer call's ')', a name), or, after
/// a paste, which cpp lexes again from a buffer of its own, column 1 of the line being read, its '~' marks only under
/// the line's text and its printed column counted to the end of a tab there. A run of pastes reads as padding for
/// its first left side, the result, and padding; a token cpp backs up over in a macro's expansion is read again
/// from there, with no padding after it.
/// </summary>
public class MacroMessagePlaceTests
{
    [Theory]
    [InlineData("#define G(a, b) a\n#define F(x) G(x)\nF(1)   F  (  2  )\n",
        "G G\n",
        "t.dts:3:4: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 | F(1)   F  (  2  )\n      |    ^\nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \nt.dts:3:17: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 | F(1)   F  (  2  )\n      |                 ^\nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \n")]
    [InlineData("#define G(a, b) a\n#define BB G(.)\n  BB\n",
        "  G\n",
        "t.dts:3:3: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 |   BB\n      |   ^~\nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \n")]
    [InlineData("#define G(a, b) a\n#define P G(x) ## y\n P P\n",
        " G y G y\n",
        "t.dts:3:1: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 |  P P\n      | ^\nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \nt.dts:3:1: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 |  P P\n      | ^\nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \n")]
    [InlineData("#define G(a, b) a\n#define X x ## ## 0x10 G(1)\n  X\n",
        "  x0x10 G\n",
        "t.dts:3:1: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 |   X\n      | ^ ~  \nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \n")]
    [InlineData("#define G(a, b) a\n#define X x ## ## 0x10 G(1)\n\t\tX\t ;\n",
        "  x0x10 G ;\n",
        "t.dts:3:8: error: macro \"G\" requires 2 arguments, but only 1 given\n    3 |                 X        ;\n      | ^               ~~~~~~~~~\nt.dts:1: note: macro \"G\" defined here\n    1 | #define G(a, b) a\n      | \n")]
    [InlineData("#define B(b) b\n#define S B (1\n#define H(x) x\n  H( S )\n",
        "  B\n",
        "t.dts:4:8: error: unterminated argument list invoking macro \"B\"\n    4 |   H( S )\n      |        ^\n")]
    [InlineData("#define S(x) #x\n#define F(x) S(x) ## y\n F(\\)\n",
        " \"\" y\n",
        "t.dts:3:1: warning: invalid string literal, ignoring final '\\'\n    3 |  F(\\)\n      | ^\n")]
    [InlineData("#define B(x) x\n#define F B G'c' 1\nB(F)\n",
        "B G'c' 1\n",
        "")]
    [InlineData("#define Q 0x10+ ## ## G\nQ\n",
        "0x10 + G\n",
        "")]
    [InlineData("#define B x\"s\" ## + ## C\nB\n",
        "x \"s\" + C\n",
        "")]
    public void Messages_and_spacing_are_cpps(string source, string expectedText, string expectedStderr)
    {
        var (stderr, text) = OneSource.Run(System.Text.Encoding.Latin1.GetBytes(source), assembler: true);
        Assert.Equal(expectedStderr, stderr);
        Assert.Equal(expectedText, text);
    }
}
