namespace Viommu.Cli.Tests;

/// <summary>viommu cpp and viommu dtc --cpp through the real command: GNU cpp's flags, outputs, dependency rules, errors.</summary>
public class CppCommandTests
{
    private static string Sources => Path.Combine(Repo.Root, "tests", "DtEngine.Tests", "Preprocessor", "Sources");

    [Fact]
    public void Cpp_with_the_kernels_flags_prints_cpps_text()
    {
        using var t = new TempDir();
        var r = Cli.Run(Sources, "cpp", "-nostdinc", "-Iinclude", "-undef", "-D__DTS__", "-x", "assembler-with-cpp", "board.dts", "-o", t.File("board.i"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Sources, "board.i")), File.ReadAllText(t.File("board.i")));
    }

    [Fact]
    public void Cpp_writes_make_dependencies_as_gcc_Wp_MD_asks()
    {
        using var t = new TempDir();
        var r = Cli.Run(Sources, "cpp", "-Wp,-MD," + t.File("board.d"), "-Iinclude", "-P", "-DBOARD_REV=4", "board.dts", "-o", t.File("board.i"));
        Assert.Equal(0, r.ExitCode);
        var deps = File.ReadAllText(t.File("board.d"));
        Assert.StartsWith("board.o: board.dts board-common.dtsi", deps);
        Assert.Contains("include/dt-bindings/soc/pinmux.h", deps);
        var text = File.ReadAllText(t.File("board.i"));
        Assert.DoesNotContain("# 1 ", text);
        Assert.Contains("revision = \"3\"", text);
    }

    [Fact]
    public void Make_targets_and_standard_input_are_named_as_cpp_names_them()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(Path.Combine(t.Path, "sub"));
        t.File("sub/k.h", "#define K 1\n");
        t.File("m.dts", "#include \"sub/k.h\"\n");
        // GNU cpp 12: -MT targets as given and first, -MQ ones quoted for make, leading "./" dropped everywhere
        var r = Cli.Run(t.Path, "cpp", "-nostdinc", "-M", "-MQ", "a b$c", "-MT", "./d e$f", "./m.dts");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("d e$f a\\ b$$c: m.dts sub/k.h\n", r.StdoutText);
        // standard input is no dependency and its default target is "-"
        var s = Cli.Run(t.Path, "#include \"sub/k.h\"\n"u8.ToArray(), "cpp", "-nostdinc", "-M", "-MP");
        Assert.Equal("-: sub/k.h\n", s.StdoutText);
    }

    [Fact]
    public void Command_line_macros_apply_in_order()
    {
        using var t = new TempDir();
        t.File("m.dts", "a = <X>; b = <Y>; c = <Z(2)>;\n");
        var r = Cli.Run(t.Path, "cpp", "-P", "-DX=5", "-DY", "-DZ(n)=(n*2)", "-DW", "-UW", "m.dts");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("a = <5>; b = <1>; c = <(2*2)>;\n", r.StdoutText);
    }

    [Fact]
    public void Dash_w_silences_warnings_and_keeps_errors()
    {
        using var t = new TempDir();
        t.File("w.dts", "#warning w\n#define A 1\n#define A 2\nx\n");
        var warned = Cli.Run(t.Path, "cpp", "-P", "w.dts");
        Assert.Equal("w.dts:1:2: warning: #warning w [-Wcpp]\n    1 | #warning w\n      |  ^~~~~~~\n"
                     + "w.dts:3: warning: \"A\" redefined\n    3 | #define A 2\n      | \n"
                     + "w.dts:2: note: this is the location of the previous definition\n    2 | #define A 1\n      | \n", warned.Stderr);
        var quiet = Cli.Run(t.Path, "cpp", "-w", "-P", "w.dts");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Stderr);
        Assert.Equal("x\n", quiet.StdoutText);
        t.File("e.dts", "#warning w\n#error e\n");
        var failed = Cli.Run(t.Path, "cpp", "-w", "e.dts");
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("e.dts:2:2: error: #error e\n    2 | #error e\n      |  ^~~~~\n", failed.Stderr);
    }

    [Fact]
    public void A_failed_run_writes_what_cpp_writes()
    {
        using var t = new TempDir();
        // an error cpp goes on after (the next line is read again), then a fatal one that stops it mid-line
        t.File("f.dts", "a b\n#define F(\nc\n#include \"missing.h\"\nd\n");
        var r = Cli.Run(t.Path, "cpp", "-nostdinc", "-P", "f.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("f.dts:2:11: error: expected parameter name before end of line\n    2 | #define F(\n      |           ^\n"
                     + "f.dts:4:10: fatal error: missing.h: No such file or directory\n    4 | #include \"missing.h\"\n      |          ^~~~~~~~~~~\n"
                     + "compilation terminated.\n", r.Stderr);
        Assert.Equal("a b\nc", r.StdoutText);
        // an -o file is removed, as gcc's driver removes a failed run's output
        t.File("f.i", "an earlier run's text\n");
        Assert.Equal(1, Cli.Run(t.Path, "cpp", "-nostdinc", "f.dts", "-o", "f.i").ExitCode);
        Assert.False(File.Exists(t.File("f.i")));
        // after an error cpp goes on from, its make rule is written; after a fatal one (above), not
        t.File("h.h", "");
        t.File("e.dts", "#include \"h.h\"\n#error e\n");
        t.File("e.d", "an earlier rule\n");
        Assert.Equal(1, Cli.Run(t.Path, "cpp", "-nostdinc", "e.dts", "-MD", "-MF", "e.d", "-o", "e.i").ExitCode);
        Assert.Equal("e.o: e.dts h.h\n", File.ReadAllText(t.File("e.d")));
        t.File("f.d", "an earlier rule\n");
        Assert.Equal(1, Cli.Run(t.Path, "cpp", "-nostdinc", "f.dts", "-MD", "-MF", "f.d", "-o", "f.i").ExitCode);
        Assert.Equal("an earlier rule\n", File.ReadAllText(t.File("f.d")));
    }

    [Fact]
    public void The_output_may_not_be_the_input()
    {
        using var t = new TempDir();
        t.File("s.dts", "a\n");
        File.CreateSymbolicLink(t.File("link.dts"), "s.dts");
        foreach (var (input, output) in new[] { ("s.dts", "s.dts"), ("s.dts", "./s.dts"), ("link.dts", "s.dts") })
        {
            var r = Cli.Run(t.Path, "cpp", "-nostdinc", input, "-o", output);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal($"viommu cpp: fatal error: input file '{output}' is the same as output file\ncompilation terminated.\n", r.Stderr);
            Assert.Equal("a\n", File.ReadAllText(t.File("s.dts")));
        }
    }

    [Fact]
    public void Dtc_cpp_compiles_the_board_to_cpps_and_dtcs_blob_with_a_full_dependency_list()
    {
        using var t = new TempDir();
        var r = Cli.Run(Sources, "dtc", "--cpp", "--cpp-include", "include", "-O", "dtb", "-b", "0", "-o", t.File("board.dtb"), "-d", t.File("board.d"), "board.dts");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Sources, "board.dtb")), File.ReadAllBytes(t.File("board.dtb")));
        Assert.Equal(t.File("board.dtb") + ": board.dts board-common.dtsi include/dt-bindings/irq/gic.h include/dt-bindings/irq/types.h include/dt-bindings/soc/pinmux.h include/dt-bindings/extra/level.h board-extra.dtsi\n",
            File.ReadAllText(t.File("board.d")));
    }

    [Fact]
    public void Errors_are_located_with_the_include_chain_and_nothing_is_written()
    {
        using var t = new TempDir();
        var r = Cli.Run(Path.Combine(Sources, "errors"), "dtc", "--cpp", "-o", t.File("out.dtb"), "error-directive.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("In file included from error-directive.dts:2:\nerror-directive.dtsi:2:2: error: #error BOARD_REV must be defined\n"
                     + "    2 | #error BOARD_REV must be defined\n      |  ^~~~~\n", r.Stderr);
        Assert.False(File.Exists(t.File("out.dtb")));
        var c = Cli.Run(Path.Combine(Sources, "errors"), "cpp", "-I", "include", "missing-header.dts", "-o", t.File("out.i"));
        Assert.Equal(1, c.ExitCode);
        Assert.Contains("nested-missing.dtsi:3:10: fatal error: nope/missing.h: No such file or directory", c.Stderr);
        Assert.DoesNotContain("   at ", c.Stderr);
        Assert.False(File.Exists(t.File("out.i")));
    }

    [Fact]
    public void Messages_are_written_as_the_bytes_cpp_writes()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(Path.Combine(t.Path, "josé"));
        File.WriteAllBytes(Path.Combine(t.Path, "josé", "w.dts"),
            [.. "#warning café "u8, 0xff, .. "\n#include \"missé.h\"\n"u8]);
        var r = Cli.Run(t.Path, "cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "josé/w.dts", "-o", t.File("w.i"));
        Assert.Equal(1, r.ExitCode);
        // GNU cpp 12's bytes: the line's bytes and the names' UTF-8 bytes as they are, the excerpt's marks one a column
        // (é is two bytes, one column)
        Assert.Equal([.. "josé/w.dts:1:2: warning: #warning café "u8, 0xff, .. " [-Wcpp]\n    1 | #warning café "u8, 0xff,
                .. "\n      |  ^~~~~~~\njosé/w.dts:2:10: fatal error: missé.h: No such file or directory\n"u8,
                .. "    2 | #include \"missé.h\"\n      |          ^~~~~~~~~\ncompilation terminated.\n"u8],
            r.StderrBytes);
    }

    [Fact]
    public void Pragma_GCC_dependency_compares_dates_and_needs_the_file()
    {
        using var t = new TempDir();
        t.File("dep.dts", "#pragma GCC dependency \"newer.h\" rebuild  me\n#pragma GCC dependency \"newer.h\"\n");
        t.File("newer.h", "");
        File.SetLastWriteTimeUtc(t.File("dep.dts"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var r = Cli.Run(t.Path, "cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "-P", "dep.dts");
        Assert.Equal(0, r.ExitCode);
        // GNU cpp 12's stderr: the rest of the line is a second warning, at the first one's place
        Assert.Equal("dep.dts:1:24: warning: current file is older than newer.h\n    1 | #pragma GCC dependency \"newer.h\" rebuild  me\n"
                     + "      |                        ^~~~~~~~~\ndep.dts:1:24: warning: rebuild me\n"
                     + "dep.dts:2:24: warning: current file is older than newer.h\n    2 | #pragma GCC dependency \"newer.h\"\n"
                     + "      |                        ^~~~~~~~~\n", r.Stderr);
        File.SetLastWriteTimeUtc(t.File("dep.dts"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("", Cli.Run(t.Path, "cpp", "-P", "dep.dts").Stderr);
        // a file it cannot find stops the run, as cpp's does (cpp says "cc1:" where viommu names itself)
        t.File("gone.dts", "#pragma GCC dependency \"nothere.h\"\n");
        var gone = Cli.Run(t.Path, "cpp", "-P", "gone.dts");
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("viommu cpp: fatal error: nothere.h: No such file or directory\ncompilation terminated.\n", gone.Stderr);
    }

    [Fact]
    public void Unknown_cpp_options_are_refused()
    {
        var r = Cli.Run(Sources, "cpp", "-C", "board.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("-C (keep comments) is not supported", r.Stderr);
        Assert.Equal(1, Cli.Run(Sources, "cpp", "--frobnicate", "board.dts").ExitCode);
    }
}
