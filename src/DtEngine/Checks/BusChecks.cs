using Viommu.DtEngine.Model;
using static Viommu.DtEngine.Checks.CheckHelpers;

namespace Viommu.DtEngine.Checks;

/// <summary>PCI, simple-bus, I2C and SPI bus rules.</summary>
internal static class BusChecks
{
    public const string Pci = "PCI";
    public const string SimpleBus = "simple-bus";
    public const string I2c = "i2c-bus";
    public const string Spi = "spi-bus";

    public static void PciBridge(Check c, CheckContext ctx, DtNode node)
    {
        var dt = node.GetProperty("device_type");
        if (dt is null || dt.Value.AsCString() != "pci") return;
        node.Bus = Pci;
        if (!BaseNameIs(node, "pci") && !BaseNameIs(node, "pcie")) ctx.Fail(c, node, "node name is not \"pci\" or \"pcie\"");
        if (node.GetProperty("ranges") is null) ctx.Fail(c, node, "missing ranges for PCI bridge (or not a bridge)");
        if (AddrCells(node) != 3) ctx.Fail(c, node, "incorrect #address-cells for PCI bridge");
        if (SizeCells(node) != 2) ctx.Fail(c, node, "incorrect #size-cells for PCI bridge");
        var busRange = node.GetProperty("bus-range");
        if (busRange is null) return;
        if (busRange.Value.Length != 8)
        {
            ctx.FailProperty(c, node, busRange, "value must be 2 cells");
            return;
        }
        if (Cell(busRange, 0) > Cell(busRange, 1)) ctx.FailProperty(c, node, busRange, "1st cell must be less than or equal to 2nd cell");
        if (Cell(busRange, 1) > 0xff) ctx.FailProperty(c, node, busRange, "maximum bus number must be less than 256");
    }

    public static void PciDeviceBusNum(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent?.Bus != Pci) return;
        var reg = node.GetProperty("reg");
        if (reg is null) return;
        var bus = (Cell(reg, 0) & 0x00ff0000) >> 16;
        var busRange = node.Parent.GetProperty("bus-range");
        uint min = 0, max = 0;
        if (busRange is not null)
        {
            min = Cell(busRange, 0);
            max = Cell(busRange, 1);
        }
        if (bus < min || bus > max)
            ctx.FailProperty(c, node, busRange, $"PCI bus number {bus} out of range, expected ({min} - {max})");
    }

    public static void PciDeviceReg(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent?.Bus != Pci) return;
        var prop = node.GetProperty("reg");
        if (prop is null) return;
        if (Cell(prop, 1) != 0 || Cell(prop, 2) != 0) ctx.FailProperty(c, node, prop, "PCI reg config space address cells 2 and 3 must be 0");
        var reg = Cell(prop, 0);
        var dev = (reg & 0xf800) >> 11;
        var func = (reg & 0x700) >> 8;
        if ((reg & 0xff000000) != 0) ctx.FailProperty(c, node, prop, "PCI reg address is not configuration space");
        if ((reg & 0x000000ff) != 0) ctx.FailProperty(c, node, prop, "PCI reg config space address register number must be 0");
        var unit = node.UnitAddress;
        if (func == 0 && unit == dev.ToString("x")) return;
        var expected = $"{dev:x},{func:x}";
        if (expected.Length > 4) expected = expected[..4];
        if (unit == expected) return;
        ctx.Fail(c, node, $"PCI unit address format error, expected \"{expected}\"");
    }

    public static void SimpleBusBridge(Check c, CheckContext ctx, DtNode node)
    {
        if (IsCompatible(node, "simple-bus")) node.Bus = SimpleBus;
    }

    public static void SimpleBusReg(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent?.Bus != SimpleBus) return;
        var prop = node.GetProperty("reg");
        var cellIndex = -1;
        if (prop is not null) cellIndex = 0;
        else
        {
            prop = node.GetProperty("ranges");
            if (prop is not null && prop.Value.Length > 0) cellIndex = AddrCells(node);
        }
        if (cellIndex < 0)
        {
            if (node.Parent.Parent is not null && node.Bus != SimpleBus) ctx.Fail(c, node, "missing or empty reg/ranges property");
            return;
        }
        ulong reg = 0;
        var size = AddrCells(node.Parent);
        // dtc shifts every cell in; only the last two stay in 64 bits, so a huge #address-cells is two reads, not a hang
        for (var i = Math.Max(0, size - 2); i < size; i++) reg = (reg << 32) | Cell(prop!, (long)cellIndex + i);
        if (!UnitAddressIs(node, reg)) ctx.Fail(c, node, $"simple-bus unit address format error, expected \"{reg:x}\"");
    }

    public static void I2cBusBridge(Check c, CheckContext ctx, DtNode node)
    {
        if (BaseNameIs(node, "i2c-bus") || BaseNameIs(node, "i2c-arb")) node.Bus = I2c;
        else if (BaseNameIs(node, "i2c"))
        {
            foreach (var child in node.Children)
                if (BaseNameIs(child, "i2c-bus")) return;
            node.Bus = I2c;
        }
        else return;
        if (node.AllChildren.Count == 0) return;
        if (AddrCells(node) != 1) ctx.Fail(c, node, "incorrect #address-cells for I2C bus");
        if (SizeCells(node) != 0) ctx.Fail(c, node, "incorrect #size-cells for I2C bus");
    }

    public static void I2cBusReg(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent?.Bus != I2c) return;
        var prop = node.GetProperty("reg");
        if (prop is null)
        {
            ctx.Fail(c, node, "missing or empty reg property");
            return;
        }
        const uint ownSlave = 1u << 30;
        const uint tenBit = 1u << 31;
        var reg = Cell(prop, 0) & ~ownSlave;
        if (!UnitAddressIs(node, reg)) ctx.Fail(c, node, $"I2C bus unit address format error, expected \"{reg:x}\"");
        for (var i = 0; i * 4 < prop.Value.Length; i++)
        {
            reg = Cell(prop, i) & ~ownSlave;
            if ((reg & tenBit) != 0)
            {
                if ((reg & ~tenBit) > 0x3ff) ctx.FailProperty(c, node, prop, $"I2C address must be less than 10-bits, got \"0x{reg:x}\"");
            }
            else if (reg > 0x7f)
                ctx.FailProperty(c, node, prop, $"I2C address must be less than 7-bits, got \"0x{reg:x}\". Set I2C_TEN_BIT_ADDRESS for 10 bit addresses or fix the property");
        }
    }

    public static void SpiBusBridge(Check c, CheckContext ctx, DtNode node)
    {
        var spiAddrCells = 1;
        if (BaseNameIs(node, "spi")) node.Bus = Spi;
        else
        {
            if (AddrCells(node) != 1 || SizeCells(node) != 0) return;
            foreach (var child in node.Children)
            {
                foreach (var prop in child.Properties)
                {
                    if (prop.Name.StartsWith("spi-", StringComparison.Ordinal))
                    {
                        node.Bus = Spi;
                        break;
                    }
                }
                if (node.Bus == Spi) break;
            }
            if (node.Bus == Spi && node.GetProperty("reg") is not null) ctx.Fail(c, node, "node name for SPI buses should be 'spi'");
        }
        if (node.Bus != Spi || node.AllChildren.Count == 0) return;
        if (node.GetProperty("spi-slave") is not null) spiAddrCells = 0;
        if (AddrCells(node) != spiAddrCells) ctx.Fail(c, node, "incorrect #address-cells for SPI bus");
        if (SizeCells(node) != 0) ctx.Fail(c, node, "incorrect #size-cells for SPI bus");
    }

    public static void SpiBusReg(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent?.Bus != Spi) return;
        if (node.Parent.GetProperty("spi-slave") is not null) return;
        var prop = node.GetProperty("reg");
        if (prop is null)
        {
            ctx.Fail(c, node, "missing or empty reg property");
            return;
        }
        var reg = Cell(prop, 0);
        if (!UnitAddressIs(node, reg)) ctx.Fail(c, node, $"SPI bus unit address format error, expected \"{reg:x}\"");
    }
}
