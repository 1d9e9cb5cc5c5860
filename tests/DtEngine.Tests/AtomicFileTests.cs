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
    public void Writes_through_a_symbolic_link_to_its_final_target_as_fopen_does()
    {
        var dir = Directory.CreateTempSubdirectory("viommu-atomic-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "target.dtb"), "old");
            var link = Path.Combine(dir, "link.dtb");
            File.CreateSymbolicLink(link, "middle.dtb");
            File.CreateSymbolicLink(Path.Combine(dir, "middle.dtb"), "target.dtb");
            AtomicFile.Write(link, [1, 2, 3]);
            Assert.Equal("middle.dtb", new FileInfo(link).LinkTarget);
            Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(dir, "target.dtb")));

            // a dangling link: its target is made, the link stays
            var dangling = Path.Combine(dir, "dangling.dtb");
            File.CreateSymbolicLink(dangling, "made.dtb");
            AtomicFile.Write(dangling, [4]);
            Assert.Equal("made.dtb", new FileInfo(dangling).LinkTarget);
            Assert.Equal([4], File.ReadAllBytes(Path.Combine(dir, "made.dtb")));

            // a link to a device is written through in place, as the device itself
            var toNull = Path.Combine(dir, "null.dtb");
            File.CreateSymbolicLink(toNull, "/dev/null");
            AtomicFile.Write(toNull, [6]);
            AtomicFile.CheckWritable(toNull);
            Assert.Equal("/dev/null", new FileInfo(toNull).LinkTarget);

            // a loop is refused with open's errno, and nothing is written
            var loop = Path.Combine(dir, "loop1");
            File.CreateSymbolicLink(loop, "loop2");
            File.CreateSymbolicLink(Path.Combine(dir, "loop2"), "loop1");
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(loop, [5]));
            Assert.Equal(40, e.HResult);
            Assert.Equal(40, Assert.Throws<IOException>(() => AtomicFile.CheckWritable(loop)).HResult);
            Assert.Equal(["dangling.dtb", "link.dtb", "loop1", "loop2", "made.dtb", "middle.dtb", "null.dtb", "target.dtb"],
                Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
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
