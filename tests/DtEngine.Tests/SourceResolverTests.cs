using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;

namespace Viommu.DtEngine.Tests;

public class SourceResolverTests
{
    [Fact]
    public void An_empty_include_name_is_a_file_that_cannot_be_opened()
    {
        // '/include/ ""' in a file named without a folder: the name to open is empty (an internal error before,
        // found by a differential fuzz run against dtc 1.8.1, which says the same)
        var e = Assert.Throws<DtFatalException>(() => new SourceResolver().Open("", null));
        Assert.Equal("Couldn't open \"\": No such file or directory", e.Message);
    }

    [Fact]
    public void A_file_used_as_a_folder_is_not_a_directory_as_strerror_says()
    {
        var dir = Directory.CreateTempSubdirectory("viommu-resolver-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.dtsi"), "");
            var resolver = new SourceResolver();
            Assert.Equal("Couldn't open \"a.dtsi/b\": Not a directory",
                Assert.Throws<DtFatalException>(() => resolver.Open("a.dtsi/b", dir.FullName)).Message);
            Assert.Equal("Couldn't open \"c/b\": No such file or directory",
                Assert.Throws<DtFatalException>(() => resolver.Open("c/b", dir.FullName)).Message);
            // stat's errno for the others (dtc 1.8.1 prints fopen's, the same)
            File.CreateSymbolicLink(Path.Combine(dir.FullName, "loop1"), "loop2");
            File.CreateSymbolicLink(Path.Combine(dir.FullName, "loop2"), "loop1");
            Assert.Equal("Couldn't open \"loop1\": Too many levels of symbolic links",
                Assert.Throws<DtFatalException>(() => resolver.Open("loop1", dir.FullName)).Message);
            var longName = new string('x', 300);
            Assert.Equal($"Couldn't open \"{longName}\": File name too long",
                Assert.Throws<DtFatalException>(() => resolver.Open(longName, dir.FullName)).Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
