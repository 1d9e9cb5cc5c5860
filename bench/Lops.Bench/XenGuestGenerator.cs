using System.Text;

namespace Viommu.Lops.Bench;

/// <summary>A host with one SMMUv3 and N DMA devices of S streams each, and a partial tree passing them all through.</summary>
public static class XenGuestGenerator
{
    public static (string Host, string Partial) Write(string folder, int devices, int streamsPerDevice)
    {
        var host = new StringBuilder("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n\tinterrupt-parent = <&gic>;\n");
        host.Append("\tmemory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x1 0x0>; };\n");
        host.Append("\tgic: interrupt-controller@8000000 { compatible = \"arm,gic-v3\"; #interrupt-cells = <3>; interrupt-controller; reg = <0x0 0x8000000 0x0 0x10000>, <0x0 0x80a0000 0x0 0xf60000>; };\n");
        host.Append("\tsmmu: iommu@48000000 { compatible = \"arm,smmu-v3\"; reg = <0x0 0x48000000 0x0 0x100000>; #iommu-cells = <1>; };\n");
        var partial = new StringBuilder("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n\tpassthrough {\n\t\tcompatible = \"simple-bus\";\n\t\tranges;\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n");
        for (var d = 0; d < devices; d++)
        {
            var address = 0x1000_0000UL + (ulong)d * 0x10000;
            var ids = string.Join(", ", Enumerable.Range(0, streamsPerDevice).Select(s => $"<&smmu 0x{d * streamsPerDevice + s + 0x100:x}>"));
            host.Append($"\tdma@{address:x} {{ compatible = \"vendor,dma\"; reg = <0x0 0x{address:x} 0x0 0x1000>; interrupts = <0 {100 + d % 800} 4>; iommus = {ids}; }};\n");
            partial.Append($"\t\tdma@{address:x} {{ compatible = \"vendor,dma\"; reg = <0x0 0x{address:x} 0x0 0x1000>; interrupts = <0 {100 + d % 800} 4>; xen,path = \"/dma@{address:x}\"; }};\n");
        }
        host.Append("};\n");
        partial.Append("\t};\n};\n");
        var hostPath = Path.Combine(folder, "host.dts");
        var partialPath = Path.Combine(folder, "partial.dts");
        File.WriteAllText(hostPath, host.ToString());
        File.WriteAllText(partialPath, partial.ToString());
        return (hostPath, partialPath);
    }
}
