using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Tests;

public class AtomicFileTests
{
    [Fact]
    public void Replaces_a_regular_file_and_leaves_no_temporary()
    {
        var dir = Directory.CreateTempSubdirectory("viommu-atomic-").FullName;
        try
        {
            var target = Path.Combine(dir, "out.bin");
            File.WriteAllText(target, "old");
            AtomicFile.Write(target, new byte[] { 1, 2, 3 });
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Writes_through_a_device_instead_of_replacing_it()
    {
        AtomicFile.Write("/dev/null", new byte[] { 1, 2, 3 });
        // /dev/null must still be the character device, not a regular file put in its place
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.Empty(Directory.GetFiles("/dev", ".null.*"));
        using var fs = new FileStream("/dev/null", FileMode.Open, FileAccess.Read);
        Assert.Equal(-1, fs.ReadByte());
    }
}
