using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.Lops.Xen.SystemMode;

namespace Viommu.Lops.Tests.Xen;

/// <summary>viommu xen system: the shipped example's every output, whole-system checks, and bad specs refused with nothing written.</summary>
public sealed class SystemModeTests
{
    private static readonly string Example = Path.Combine(RepoPaths.XenExamples, "system");
    private static readonly string MultiSmmuHost = Path.Combine(RepoPaths.XenExamples, "multi-smmu", "host.dts");

    private static SystemResult Run(string spec, string output, bool strict = false, string? host = null) =>
        SystemJob.Run(new SystemSettings { Spec = spec, OutputDirectory = output, Strict = strict, Host = host });

    [Fact]
    public void Example_outputs_match_the_approved_files()
    {
        using var temp = new TempDir();
        var result = Run(Path.Combine(Example, "system.yaml"), temp.Path);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Display)));
        var expected = Path.Combine(Example, "expected");
        foreach (var name in result.Files.Where(f => !f.EndsWith(".dtb", StringComparison.Ordinal) && !f.EndsWith(".svg", StringComparison.Ordinal)))
            Snapshot.VerifyIn(expected, name.Replace('/', '.'), File.ReadAllText(temp.File(name)));
        // system.svg comes in addition when Graphviz is installed (its bytes depend on Graphviz's version).
        Assert.Equal(25, result.Files.Count(f => f != "system.svg"));
    }

    [Fact]
    public void Every_output_tree_compiles_and_complete_guest_trees_without_warnings()
    {
        using var temp = new TempDir();
        var result = Run(Path.Combine(Example, "system.yaml"), temp.Path);
        Assert.True(result.Succeeded);
        foreach (var name in result.Files.Where(f => f.EndsWith(".dts", StringComparison.Ordinal)))
        {
            var dtc = DtcDriver.Run(new DtcSettings { Input = temp.File(name), OutputFormat = "dtb" });
            Assert.True(dtc.ExitCode == 0, name + ": " + string.Join("\n", dtc.Diagnostics));
            // Partial trees point at the guest GIC and vSMMU phandles libxl adds, so dtc warns about those only.
            if (name.Contains("passthrough", StringComparison.Ordinal))
                Assert.All(dtc.Diagnostics, d => Assert.Matches("(iommus_property|interrupts_property)", d.Display));
            if (name.EndsWith("guest.dts", StringComparison.Ordinal)) Assert.True(dtc.Diagnostics.Count == 0, name + ": " + string.Join("\n", dtc.Diagnostics));
            // The blob written beside the source is the same tree.
            Assert.Equal(File.ReadAllBytes(temp.File(Path.ChangeExtension(name, ".dtb"))), dtc.Output);
        }
    }

    [Fact]
    public void Dom0less_tree_marks_assigned_nodes_and_describes_each_guest()
    {
        using var temp = new TempDir();
        Assert.True(Run(Path.Combine(Example, "system.yaml"), temp.Path).Succeeded);
        var dts = File.ReadAllText(temp.File("dom0less.dts"));
        Assert.Equal(6, dts.Split("xen,passthrough;").Length - 1);
        Assert.Contains("memory = <0x00 0x80000>;", dts);
        Assert.Contains("compatible = \"multiboot,device-tree\", \"multiboot,module\";", dts);
        var cfg = File.ReadAllText(temp.File("imagebuilder.cfg"));
        Assert.Contains("NUM_DOMUS=3", cfg);
        Assert.Contains("DOMU_PASSTHROUGH_PATHS[2]=\"/usb@42000000 /usb@42010000\"", cfg);
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var first = Run(Path.Combine(Example, "system.yaml"), a.Path);
        var second = Run(Path.Combine(Example, "system.yaml"), b.Path);
        Assert.Equal(first.Files, second.Files);
        foreach (var f in first.Files) Assert.Equal(File.ReadAllBytes(a.File(f)), File.ReadAllBytes(b.File(f)));
    }

    [Fact]
    public void Zephyr_overlays_compile_on_the_xenvm_board_without_warnings()
    {
        using var temp = new TempDir();
        Assert.True(Run(Path.Combine(Example, "system.yaml"), temp.Path).Succeeded);
        var integration = Path.Combine(RepoPaths.Root, "examples", "integration", "zephyr");
        var overlays = Directory.GetFiles(temp.Path, "zephyr.overlay", SearchOption.AllDirectories);
        Assert.Equal(3, overlays.Length);
        foreach (var overlay in overlays)
        {
            var combined = temp.File("combined.dts");
            File.WriteAllText(combined, File.ReadAllText(Path.Combine(integration, "xenvm-base.dts")) + File.ReadAllText(overlay));
            var dtc = DtcDriver.Run(new DtcSettings { Input = combined, OutputFormat = "dtb" });
            Assert.True(dtc.ExitCode == 0 && dtc.Diagnostics.Count == 0, overlay + ": " + string.Join("\n", dtc.Diagnostics));
        }
    }

    [Fact]
    public void ImageBuilder_config_is_shell_that_sets_what_uboot_script_gen_reads()
    {
        using var temp = new TempDir();
        Assert.True(Run(Path.Combine(Example, "system.yaml"), temp.Path).Succeeded);
        var (exit, output, error) = Bash(temp.Path, "-euc",
            "source imagebuilder.cfg; echo \"$NUM_DOMUS $DEVICE_TREE ${DOMU_MEM[0]} ${DOMU_PASSTHROUGH_DTB[1]}\"; for f in \"$DEVICE_TREE\" \"${DOMU_PASSTHROUGH_DTB[@]}\"; do test -s \"$f\"; done");
        Assert.True(exit == 0, error);
        Assert.Equal("3 dom0less.dtb 512 domU2/passthrough.dtb\n", output);
    }

    [Fact]
    public void Yocto_class_task_is_valid_shell_and_calls_the_command_with_its_options()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "integration", "yocto", "viommu-xen-system.bbclass"));
        var start = text.IndexOf("do_viommu_xen_system() {", StringComparison.Ordinal);
        var end = text.IndexOf("\n}\n", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start);
        var function = text[start..(end + 3)];
        Assert.Contains("viommu xen system --host \"${VIOMMU_XEN_HOST_DTB}\" \"${VIOMMU_XEN_SPEC}\" -o \"${VIOMMU_XEN_OUT}\" $strict", function);
        using var temp = new TempDir();
        File.WriteAllText(temp.File("task.sh"), function.Replace("bbfatal", "echo") + "\n");
        var (exit, _, error) = Bash(temp.Path, "-n", temp.File("task.sh"));
        Assert.True(exit == 0, error);
    }

    private static (int Exit, string Output, string Error) Bash(string folder, params string[] args)
    {
        var psi = new global::System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = global::System.Diagnostics.Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.Result);
    }

    private static string WriteSpec(TempDir temp, string body)
    {
        var path = temp.File("spec.yaml");
        File.WriteAllText(path, $"host: {MultiSmmuHost}\n" + body);
        return path;
    }

    [Theory]
    [InlineData("domains:\n  - name: a\n    memory: 128M\n    colour: blue\n", "spec.yaml:5:5: error: unknown key 'colour' in a domain")]
    [InlineData("domains:\n  - name: a\n    memory: lots\n", "spec.yaml:4:13: error: memory 'lots' is not a size")]
    [InlineData("domains:\n  - name: a\n    memory: 128M\n    vcpus: [1]\n", "spec.yaml:5:12: error: vcpus must be a single value")]
    [InlineData("domains:\n  - name: a\n    memory: 128M\n    passthrough: [ /nope@0 ]\n", "spec.yaml:5:20: error: domain 'a': /nope@0 does not exist in the host tree")]
    [InlineData("domains:\n  - name: a\n    memory: 128M\n    passthrough: [ { path: /serial@43000000, guest: 0x10000000 } ]\n  - name: b\n    memory: 128M\n    passthrough: [ { path: /serial@43000000, guest: 0x10000000 } ]\n",
        "spec.yaml:8:20: error: /serial@43000000 is given to 'b' and already to 'a'")]
    [InlineData("domains:\n  - name: a\n    memory: 128M\n    passthrough: [ { path: /usb@42000000, guest: 0x10000000 } ]\n  - name: b\n    memory: 128M\n    passthrough: [ { path: /usb@42010000, guest: 0x10000000 } ]\n",
        "StreamID 0x40 of /iommu@48000000 is shared with host device /usb@42010000, which is not given to this guest")]
    [InlineData("domains:\n  - name: a\n    memory: 128M\n    passthrough: [ /serial@43000000 ]\n", "overlaps the guest's RAM")]
    public void Bad_specs_are_refused_with_their_place_and_nothing_is_written(string body, string expected)
    {
        using var temp = new TempDir();
        var spec = WriteSpec(temp, body);
        var output = temp.File("out");
        var result = Run(spec, output);
        Assert.False(result.Succeeded);
        var message = string.Join("\n", result.Diagnostics.Select(d => d.Display));
        Assert.Contains(expected, message.Replace(temp.Path + "/", ""));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_fault_in_a_DTS_host_is_placed_there_and_names_the_guest()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("host.dts"), """
            /dts-v1/;
            / {
            	#address-cells = <2>; #size-cells = <2>;
            	memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x80000000>; };
            	v2: iommu@6f000000 { compatible = "arm,mmu-500", "arm,smmu-v2"; reg = <0 0x6f000000 0 0x40000>; #iommu-cells = <2>; };
            	c@10002000 { reg = <0 0x10002000 0 0x1000>; iommus = <&v2 0x10 0x0>; };
            };
            """);
        var spec = temp.File("spec.yaml");
        File.WriteAllText(spec, "domains:\n  - name: a\n    memory: 128M\n    passthrough: [ /c@10002000 ]\n");
        var result = Run(spec, temp.File("out"), host: temp.File("host.dts"));
        Assert.False(result.Succeeded);
        // the device's iommus: line 6, column 46 (the tab counts one, as in dtc's places)
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.StartsWith(temp.File("host.dts") + ":6:46: error: <guest a>: lop 'lop_1' (xen,resolve-streams): host node /c@10002000", error.Display);
        Assert.Contains("not \"arm,smmu-v3\"", error.Display);
    }

    [Theory]
    [InlineData("hip07-d05", "{ path: /soc/crypto@400d0000000, interrupts: none }",
        "spec.yaml:4:20: error: /soc/crypto@400d0000000 would sit at guest address 0x400d0000000, beyond the guest's 40-bit address space")]
    [InlineData("fvp-base-revc", "{ path: /bus@8000000/motherboard-bus@8000000/iofpga-bus@300000000/serial@90000, guest: 0x05000000 }",
        "spec.yaml:4:20: error: the interrupts of /bus@8000000/motherboard-bus@8000000/iofpga-bus@300000000/serial@90000 go to /bus@8000000, not to the GIC")]
    public void Devices_a_guest_cannot_have_are_refused_with_their_place(string board, string device, string expected)
    {
        using var temp = new TempDir();
        var spec = temp.File("spec.yaml");
        File.WriteAllText(spec, $"domains:\n  - name: a\n    memory: 128M\n    passthrough: [ {device} ]\n");
        var result = Run(spec, temp.File("out"), host: Path.Combine(RepoPaths.Boards, board + ".dtb"));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Display.Contains(expected, StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void A_reference_to_a_node_that_stays_on_the_host_is_dropped_with_a_warning_or_refused_when_strict()
    {
        using var temp = new TempDir();
        var host = temp.File("host.dts");
        File.WriteAllText(host, """
            /dts-v1/;
            / {
                #address-cells = <2>; #size-cells = <2>;
                memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x40000000>; };
                gic: interrupt-controller@30000000 { compatible = "arm,gic-v3"; #interrupt-cells = <3>; interrupt-controller; reg = <0 0x30000000 0 0x10000>; };
                clk: clock { compatible = "fixed-clock"; #clock-cells = <0>; clock-frequency = <100000000>; };
                uart@9000000 { compatible = "arm,pl011"; reg = <0 0x9000000 0 0x1000>; interrupt-parent = <&gic>; interrupts = <0 1 4>; clocks = <&clk>; clock-names = "apb_pclk"; };
                irqchip: irqchip@9100000 { compatible = "vendor,irqchip"; reg = <0 0x9100000 0 0x1000>; interrupt-controller; #interrupt-cells = <1>; };
                timer@9200000 { compatible = "vendor,timer"; reg = <0 0x9200000 0 0x1000>; interrupt-parent = <&irqchip>; interrupts = <3>; };
            };
            """);
        var spec = temp.File("spec.yaml");
        File.WriteAllText(spec, $"host: {host}\ndomains:\n  - name: a\n    memory: 128M\n    passthrough: [ /uart@9000000 ]\n");
        var result = Run(spec, temp.File("out"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Display)));
        Assert.Contains(result.Diagnostics, d => d.Display.Contains("/uart@9000000: 'clocks' points at /clock, not passed through to this guest: dropped", StringComparison.Ordinal));
        var dts = File.ReadAllText(temp.File("out/a/passthrough.dts"));
        Assert.DoesNotContain("clocks", dts);
        Assert.Contains("xen,force-assign-without-iommu;", dts);
        Assert.Contains("interrupt-parent = <0xfde8>;", dts);

        var strict = Run(spec, temp.File("strict"), strict: true);
        Assert.False(strict.Succeeded);
        Assert.Contains(strict.Diagnostics, d => d.Display.Contains("(--strict)", StringComparison.Ordinal));

        File.WriteAllText(spec, $"host: {host}\ndomains:\n  - name: a\n    memory: 128M\n    passthrough: [ /timer@9200000 ]\n");
        var timer = Run(spec, temp.File("timer"));
        Assert.False(timer.Succeeded);
        Assert.Contains(timer.Diagnostics, d => d.Display.Contains("the interrupts of /timer@9200000 go to /irqchip@9100000, not to the GIC", StringComparison.Ordinal));

        File.WriteAllText(spec, $"host: {host}\ndomains:\n  - name: a\n    memory: 128M\n    passthrough: [ /uart@9000000, /clock ]\n");
        var both = Run(spec, temp.File("both"));
        Assert.True(both.Succeeded, string.Join("\n", both.Diagnostics.Select(d => d.Display)));
        var kept = File.ReadAllText(temp.File("both/a/passthrough.dts"));
        Assert.Contains("clocks = <0x", kept);
        Assert.Contains("phandle = <0x", kept);
    }
}
