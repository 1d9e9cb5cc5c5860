namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>The macros cpp defines under <c>-undef</c> by language: <c>__STDC_VERSION__</c> (gnu17),
/// <c>__STDC_UTF_16__</c> and <c>__STDC_UTF_32__</c> in C, <c>__ASSEMBLER__</c> in assembler-with-cpp; redefining or
/// undefining one is warned of. Expected output and stderr: GNU cpp 12's for <c>cpp -nostdinc -undef -x c|assembler-with-cpp
/// -P t.dts</c>.</summary>
public class LanguageMacroTests
{
    private const string Source =
        "__STDC__ __STDC_VERSION__ __STDC_HOSTED__ __STDC_UTF_16__ __STDC_UTF_32__ __ASSEMBLER__\n"
        + "#define __STDC_VERSION__ 1\n"
        + "#undef __STDC_UTF_16__\n"
        + "#if __STDC_VERSION__ >= 201112L\n"
        + "c11\n"
        + "#endif\n";

    [Theory]
    [InlineData(false, "1 201710L 1 1 1 __ASSEMBLER__\n",
        "t.dts:2: warning: \"__STDC_VERSION__\" redefined\n    2 | #define __STDC_VERSION__ 1\n      | \n<built-in>: note: this is the location of the previous definition\nt.dts:3:8: warning: undefining \"__STDC_UTF_16__\"\n    3 | #undef __STDC_UTF_16__\n      |        ^~~~~~~~~~~~~~~\n")]
    [InlineData(true, "1 __STDC_VERSION__ 1 __STDC_UTF_16__ __STDC_UTF_32__ 1\n",
        "")]
    public void The_language_macros_are_cpps(bool assembler, string text, string stderr)
    {
        var (actualStderr, actualText) = OneSource.Run(System.Text.Encoding.ASCII.GetBytes(Source), assembler);
        Assert.Equal(stderr, actualStderr);
        Assert.Equal(text, actualText);
    }
}
