namespace Viommu.Cli.Tests;

/// <summary>The viommu dtc command: options, exit codes, errors and file handling, as dtc.</summary>
public class DtcCommandTests
{
    private const string Good = """
        /dts-v1/;
        / {
        	#address-cells = <1>;
        	#size-cells = <1>;
        	ref = <&n>;
        	n: node@10 { reg = <0x10 0x4>; };
        };
        """;

    [Fact]
    public void Compiles_to_a_file_and_to_stdout_with_the_same_bytes()
    {
        using var dir = new TempDir();
        var src = dir.File("a.dts", Good);
        var toStdout = Cli.Run(dir.Path, "dtc", "-O", "dtb", src);
        var toFile = Cli.Run(dir.Path, "dtc", "-o", "out.dtb", src);
        Assert.Equal(0, toStdout.ExitCode);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(toStdout.Stdout, File.ReadAllBytes(Path.Combine(dir.Path, "out.dtb")));
        Assert.Equal(0xd0, toStdout.Stdout[0]);
        // no temporary file is left behind
        Assert.Equal(new[] { "a.dts", "out.dtb" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Reads_standard_input_and_guesses_dts_output_for_a_blob()
    {
        using var dir = new TempDir();
        var blob = Cli.Run(dir.Path, System.Text.Encoding.ASCII.GetBytes(Good), "dtc", "-O", "dtb").Stdout;
        var dts = Cli.Run(dir.Path, blob, "dtc", "-I", "dtb");
        Assert.Equal(0, dts.ExitCode);
        Assert.Contains("ref = <0x01>;", dts.StdoutText);
    }

    [Fact]
    public void Reads_dev_stdin_on_a_pipe_whole_and_takes_it_for_dts_as_dtc_does()
    {
        // only a regular file is opened to look for a blob's magic: reading it from a pipe lost the first 4 bytes
        // ("/dts" of "/dts-v1/;", a syntax error); dtc takes a pipe for DTS, a blob included (-I dtb reads one)
        using var dir = new TempDir();
        var expected = Cli.Run(dir.Path, System.Text.Encoding.ASCII.GetBytes(Good), "dtc", "-O", "dtb").Stdout;
        var piped = Cli.Run(dir.Path, System.Text.Encoding.ASCII.GetBytes(Good), "dtc", "-O", "dtb", "/dev/stdin");
        Assert.Equal("", piped.Stderr);
        Assert.Equal(0, piped.ExitCode);
        Assert.Equal(expected, piped.Stdout);
        var blobAsDts = Cli.Run(dir.Path, expected, "dtc", "-O", "dts", "/dev/stdin");
        Assert.Equal(1, blobAsDts.ExitCode);
        Assert.StartsWith("Error: /dev/stdin:1.", blobAsDts.Stderr);
        var blob = Cli.Run(dir.Path, expected, "dtc", "-I", "dtb", "-O", "dts", "/dev/stdin");
        Assert.Equal(0, blob.ExitCode);
        Assert.Contains("ref = <0x01>;", blob.StdoutText);
    }

    [Theory]
    // dtc 1.8.1's words and status: flex's fatal error for DTS, the blob reader's for a blob; cpp's form for cpp
    [InlineData("/", new[] { "dtc", "-O", "dtb", "-" }, 2, "input in flex scanner failed\n")]
    [InlineData("/", new[] { "dtc", "-I", "dtb", "-O", "dts", "-" }, 1, "FATAL ERROR: Error reading DT blob magic number: Is a directory\n")]
    [InlineData("/", new[] { "cpp", "-" }, 1, "viommu cpp: fatal error: <stdin>: Is a directory\ncompilation terminated.\n")]
    [InlineData("/", new[] { "overlay", "-i", "-", "-o", "out.dtb", "ov.dtbo" }, 1, "-: error: cannot read the base blob: Is a directory\n")]
    public void Standard_input_that_cannot_be_read_is_a_located_error(string stdin, string[] args, int exit, string stderr)
    {
        // a folder as standard input (< /): it was an internal error in .NET's words (and a closed one, <&-, which
        // only the published binary can be run with: the dotnet host's own files take descriptor 0)
        using var dir = new TempDir();
        var r = Cli.RunWithStdinFrom(dir.Path, stdin, args);
        Assert.Equal(stderr, r.Stderr);
        Assert.Equal(exit, r.ExitCode);
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column_and_exits_1()
    {
        using var dir = new TempDir();
        var src = dir.File("bad.dts", "/dts-v1/;\n/ {\n\tprop = <1 2;\n};\n");
        var r = Cli.Run(dir.Path, "dtc", src);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.dts:3.13-14", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void A_check_error_exits_2_and_force_writes_anyway()
    {
        using var dir = new TempDir();
        var missing = dir.File("ref.dts", "/dts-v1/;\n/ { p = <&nowhere>; };\n");
        var r = Cli.Run(dir.Path, "dtc", "-o", "out2.dtb", missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ERROR (phandle_references)", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "out2.dtb")));
        r = Cli.Run(dir.Path, "dtc", "-f", "-o", "out3.dtb", missing);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("output forced", r.Stderr);
        Assert.True(File.Exists(Path.Combine(dir.Path, "out3.dtb")));
    }

    [Fact]
    public void Warnings_can_be_raised_to_errors_and_silenced()
    {
        using var dir = new TempDir();
        var src = dir.File("w.dts", "/dts-v1/;\n/ { node@1 { }; };\n");
        var warn = Cli.Run(dir.Path, "dtc", "-O", "dtb", src);
        Assert.Equal(0, warn.ExitCode);
        Assert.Contains("Warning (unit_address_vs_reg)", warn.Stderr);
        var error = Cli.Run(dir.Path, "dtc", "-E", "unit_address_vs_reg", "-O", "dtb", src);
        Assert.Equal(2, error.ExitCode);
        var quiet = Cli.Run(dir.Path, "dtc", "-Wno-unit_address_vs_reg", "-O", "dtb", src);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Stderr);
        var unknown = Cli.Run(dir.Path, "dtc", "-W", "no_such_check", src);
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public void Messages_are_written_as_the_bytes_dtc_writes()
    {
        using var dir = new TempDir();
        // a node name with the byte 0x80 (only a blob can hold it): dtc 1.8.1 writes the byte itself
        var blob = Cli.Run(dir.Path, "/dts-v1/;\n/ { p = <1>; n@1 { }; };\n"u8.ToArray(), "dtc", "-q", "-O", "dtb").Stdout;
        blob[blob.AsSpan().IndexOf("n@1"u8)] = 0x80;
        File.WriteAllBytes(Path.Combine(dir.Path, "b.dtb"), blob);
        var r = Cli.Run(dir.Path, "dtc", "-I", "dtb", "-O", "dts", "-o", "out.dts", "b.dtb");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(Bytes("out.dts: ERROR (node_name_chars): /\u0080@1: Bad character '\u0080' in node name\n"
            + "ERROR: Input tree has errors, aborting (use -f to force output)\n"), r.StderrBytes);

        // a file name shows as its UTF-8 bytes, once (not the bytes' chars encoded again)
        Directory.CreateDirectory(Path.Combine(dir.Path, "josé"));
        File.WriteAllText(Path.Combine(dir.Path, "josé", "a.dts"), "/dts-v1/;\n/ { p = <1>; n@1 { }; };\n");
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "out.dtb", "josé/a.dts");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Bytes("jos\u00c3\u00a9/a.dts:2.18-22: Warning (unit_address_vs_reg): /n@1: node has a unit name, but no reg or ranges property\n"),
            r.StderrBytes);
    }

    /// <summary>The bytes of a text written one char per byte.</summary>
    private static byte[] Bytes(string latin1) => System.Text.Encoding.Latin1.GetBytes(latin1);

    [Fact]
    public void A_corrupt_blob_is_refused_with_its_byte_offset_and_the_input_is_untouched()
    {
        using var dir = new TempDir();
        var good = Cli.Run(dir.Path, System.Text.Encoding.ASCII.GetBytes(Good), "dtc", "-O", "dtb").Stdout;
        var bad = (byte[])good.Clone();
        bad[^20] = 0x7f; // clobber a token in the structure block
        var path = Path.Combine(dir.Path, "bad.dtb");
        File.WriteAllBytes(path, bad[..(bad.Length - 8)]);
        var before = File.ReadAllBytes(path);
        var r = Cli.Run(dir.Path, "dtc", "-I", "dtb", "-O", "dts", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("byte offset", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Writes_a_dependency_file()
    {
        using var dir = new TempDir();
        dir.File("inc.dtsi", "/ { x = <1>; };\n");
        var src = dir.File("top.dts", "/dts-v1/;\n/ { };\n/include/ \"inc.dtsi\"\n");
        var r = Cli.Run(dir.Path, "dtc", "-d", "deps.d", "-o", "top.dtb", src);
        Assert.Equal(0, r.ExitCode);
        var deps = File.ReadAllText(Path.Combine(dir.Path, "deps.d"));
        Assert.Equal("top.dtb: " + src + " " + Path.Combine(dir.Path, "inc.dtsi") + "\n", deps);

        // dtc writes the line as it opens files and ends it once the tree is read: a run stopped by a syntax error
        // leaves it without a line end, a run stopped by a check error after the read does not (dtc 1.8.1's files)
        var bad = dir.File("bad.dts", "/dts-v1/;\n/include/ \"inc.dtsi\"\n/ { a = <1> };\n");
        r = Cli.Run(dir.Path, "dtc", "-d", "deps.d", "-o", "bad.dtb", "bad.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("bad.dtb: bad.dts inc.dtsi", File.ReadAllText(Path.Combine(dir.Path, "deps.d")));
        dir.File("check.dts", "/dts-v1/;\n/ { a = <&missing>; };\n");
        r = Cli.Run(dir.Path, "dtc", "-d", "deps.d", "-o", "check.dtb", "check.dts");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("check.dtb: check.dts\n", File.ReadAllText(Path.Combine(dir.Path, "deps.d")));
    }

    [Fact]
    public void Writes_to_dev_stdout_when_it_is_a_pipe()
    {
        // /dev/stdout is a link to /proc/self/fd/1, whose own text is "pipe:[N]": the pipe is written in place, the
        // dependency line first, as dtc 1.8.1 writes them
        using var dir = new TempDir();
        var src = dir.File("a.dts", Good);
        var r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "/dev/stdout", "-d", "/dev/stdout", src);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var blob = Cli.Run(dir.Path, "dtc", "-O", "dtb", src).Stdout;
        Assert.Equal([.. System.Text.Encoding.ASCII.GetBytes($"/dev/stdout: {src}\n"), .. blob], r.Stdout);
    }

    [Fact]
    public void Files_that_cannot_be_written_fail_with_dtcs_words_and_in_dtcs_order()
    {
        using var dir = new TempDir();
        dir.File("a.dts", "/dts-v1/;\n/ { n@1 { }; };\n");
        Directory.CreateDirectory(dir.File("folder"));
        const string warning = "a.dts:2.9-13: Warning (unit_address_vs_reg): /n@1: node has a unit name, but no reg or ranges property\n";
        // the output is opened after the checks: their warnings come first (dtc 1.8.1's messages)
        var r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "folder", "a.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(warning + "FATAL ERROR: Couldn't open output file folder: Is a directory\n", r.Stderr);
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "a.dts/x", "a.dts");
        Assert.Equal(warning + "FATAL ERROR: Couldn't open output file a.dts/x: Not a directory\n", r.Stderr);
        File.CreateSymbolicLink(dir.File("loop1"), "loop2");
        File.CreateSymbolicLink(dir.File("loop2"), "loop1");
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "loop1", "a.dts");
        Assert.Equal(warning + "FATAL ERROR: Couldn't open output file loop1: Too many levels of symbolic links\n", r.Stderr);
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "loop1/x", "a.dts");
        Assert.Equal(warning + "FATAL ERROR: Couldn't open output file loop1/x: Too many levels of symbolic links\n", r.Stderr);
        // the dependency file is opened before the input is read: nothing else is said
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "a.dtb", "-d", "missing/a.d", "a.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("FATAL ERROR: Couldn't open dependency file missing/a.d: No such file or directory\n", r.Stderr);
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "a.dtb", "-d", "folder", "a.dts");
        Assert.Equal("FATAL ERROR: Couldn't open dependency file folder: Is a directory\n", r.Stderr);
        Assert.False(File.Exists(dir.File("a.dtb")));
        Assert.Equal([".", ".."], [".", "..", .. Directory.GetFileSystemEntries(dir.File("folder"))]);
    }

    [Fact]
    public void A_write_that_fails_is_told_apart_from_an_open_that_fails()
    {
        // /dev/full opens and refuses every write (ENOSPC). A blob: dtc 1.8.1's words. dtc does not check its text
        // outputs' or its dependency file's writes (it exits 0 having written nothing); viommu fails them, in its words.
        using var dir = new TempDir();
        dir.File("a.dts", "/dts-v1/;\n/ { };\n");
        var r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "/dev/full", "a.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("FATAL ERROR: Error writing device tree blob: No space left on device\n", r.Stderr);
        r = Cli.Run(dir.Path, "dtc", "-O", "dts", "-o", "/dev/full", "a.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("FATAL ERROR: Error writing output file /dev/full: No space left on device\n", r.Stderr);
        r = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "a.dtb", "-d", "/dev/full", "a.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("FATAL ERROR: Error writing dependency file /dev/full: No space left on device\n", r.Stderr);
        r = Cli.Run(dir.Path, "cpp", "-o", "/dev/full", "a.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("viommu cpp: fatal error: when writing output to /dev/full: No space left on device\ncompilation terminated.\n", r.Stderr);
    }

    [Fact]
    public void A_reader_that_goes_away_ends_the_run_as_SIGPIPE_ends_dtc()
    {
        // more text than a pipe holds (600 KB): the write meets the closed pipe (EPIPE), and the run ends silently with the
        // status a shell gives a process SIGPIPE killed (dtc's: 141); .NET's console stream took it for success (0)
        using var dir = new TempDir();
        var nodes = string.Concat(Enumerable.Range(0, 20000).Select(i => $"\tnode{i} {{ value = <{i}>; }};\n"));
        dir.File("big.dts", "/dts-v1/;\n/ {\n" + nodes + "};\n");
        var (exit, stderr) = Cli.RunWithOutputClosedAfter(dir.Path, 10, "dtc", "-O", "dts", "big.dts");
        Assert.Equal("", stderr);
        Assert.Equal(141, exit);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        using var dir = new TempDir();
        var r = Cli.Run(dir.Path, "dtc", "-Z");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("invalid option", r.Stderr);
    }

    [Fact]
    public void Symbol_messages_dtc_prints_without_a_line_end_are_printed_without_one()
    {
        // dtc 1.8.1 ends neither "label ... already exists" nor "Path ... missing" with a newline; the texts
        // below are its stderr for this source, byte for byte
        using var dir = new TempDir();
        var src = dir.File("dup.dts", "/dts-v1/;\n\n/ {\n\tl1: a {\n\t};\n\n\tl2: b {\n\t};\n\n\t__symbols__ {\n\t\tl1 = \"/x\";\n\t\tl2 = \"/b\";\n\t};\n};\n");
        const string missing = "Warning: Path /x referenced in property __symbols__/l1 missing";
        var symbols = Cli.Run(dir.Path, "dtc", "-@", "-O", "dts", "-o", "out.dts", src);
        Assert.Equal(0, symbols.ExitCode);
        Assert.Equal(missing + "WARNING: label l1 already exists in /__symbols__WARNING: label l2 already exists in /__symbols__",
            symbols.Stderr);
        var quiet = Cli.Run(dir.Path, "dtc", "-q", "-@", "-O", "dts", "-o", "out.dts", src);
        Assert.Equal("WARNING: label l1 already exists in /__symbols__WARNING: label l2 already exists in /__symbols__", quiet.Stderr);
        var plain = Cli.Run(dir.Path, "dtc", "-O", "dtb", "-o", "out.dtb", src);
        Assert.Equal(missing, plain.Stderr);
    }

    [Fact]
    public void Boot_cpu_minus_one_is_not_given_and_numbers_are_read_as_C_reads_them()
    {
        // expected header words are dtc 1.8.1's: -1 is its "not given" (the boot CPU then comes from the tree),
        // strtoll saturates out of range and the blob field keeps the low 32 bits; -R is read with strtoul into an int
        using var dir = new TempDir();
        var src = dir.File("b.dts", "/dts-v1/;\n/ { cpus { #address-cells = <1>; #size-cells = <0>; cpu@5 { device_type = \"cpu\"; reg = <5>; }; }; };\n");
        uint Word(int offset, params string[] options)
        {
            var r = Cli.Run(dir.Path, ["dtc", "-q", "-O", "dtb", .. options, src]);
            Assert.Equal(0, r.ExitCode);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(r.Stdout.AsSpan(offset));
        }
        const int structOffset = 8, bootCpu = 28, version = 20;
        Assert.Equal(5u, Word(bootCpu));
        Assert.Equal(5u, Word(bootCpu, "-b", "-1"));
        Assert.Equal(0xfffffffeu, Word(bootCpu, "-b", "-2"));
        Assert.Equal(0u, Word(bootCpu, "-b", "0x100000000"));
        Assert.Equal(0xffffffffu, Word(bootCpu, "-b", "99999999999999999999"));
        Assert.Equal(0u, Word(bootCpu, "-b", "-99999999999999999999"));
        Assert.Equal(7u, Word(bootCpu, "-b", " +07junk"));
        // 2^63 + 2 fits strtoul (strtol would saturate to -1): its low 32 bits, 2 reserve slots after the header's 40
        // bytes and the terminating entry
        Assert.Equal(0x58u, Word(structOffset, "-R", "9223372036854775810"));
        Assert.Equal(17u, Word(version, "-V", "4294967313"));
    }

    [Fact]
    public void Option_errors_come_in_the_order_dtc_reads_the_options()
    {
        // dtc refuses an unknown check name, a bad -H and a bad -a where the option stands, and -p with -S after
        // reading them all (messages are dtc 1.8.1's)
        using var dir = new TempDir();
        var src = dir.File("a.dts", Good);
        Assert.Equal("FATAL ERROR: Unrecognized check name \"bogus\"\n", Cli.Run(dir.Path, "dtc", "-p", "1", "-S", "1", "-E", "no-bogus", src).Stderr);
        Assert.Equal("FATAL ERROR: Invalid argument \"x\" to -H option\n", Cli.Run(dir.Path, "dtc", "-H", "x", "-W", "bogus", src).Stderr);
        Assert.Equal("FATAL ERROR: Unrecognized check name \"bogus\"\n", Cli.Run(dir.Path, "dtc", "-W", "bogus", "-a", "3", src).Stderr);
        Assert.Equal("FATAL ERROR: Can't set both -p and -S\n",
            Cli.Run(dir.Path, "dtc", "-p", "1", "-S", "1", "-W", "no-reg_format", src).Stderr);
    }

    [Fact]
    public void The_minimum_size_warning_is_quiet_under_q()
    {
        // dtc 1.8.1: "Warning: blob size 215 >= minimum size 16" for this source, nothing with -q
        using var dir = new TempDir();
        var src = dir.File("a.dts", Good);
        Assert.Equal("Warning: blob size 215 >= minimum size 16\n", Cli.Run(dir.Path, "dtc", "-S", "16", "-O", "dtb", "-o", "a.dtb", src).Stderr);
        var quiet = Cli.Run(dir.Path, "dtc", "-q", "-S", "16", "-O", "dtb", "-o", "a.dtb", src);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Stderr);
    }

    [Fact]
    public void A_blob_larger_than_an_array_is_refused_not_an_internal_error()
    {
        // 200,000,000 slots are 3.2 GB (dtc 1.8.1 had not finished after minutes); -p 2^31-1 wraps an int
        using var dir = new TempDir();
        var src = dir.File("a.dts", Good);
        foreach (var options in new[] { new[] { "-R", "200000000" }, new[] { "-p", "2147483647" }, new[] { "-R", "100000000", "-O", "asm" } })
        {
            var run = Cli.Run(dir.Path, ["dtc", .. options, "-o", "a.out", src]);
            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("FATAL ERROR: ", run.Stderr);
            Assert.Contains("too ", run.Stderr);
            Assert.DoesNotContain("internal error", run.Stderr);
            Assert.False(File.Exists(Path.Combine(dir.Path, "a.out")));
        }
    }
}
