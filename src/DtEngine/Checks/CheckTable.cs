using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

internal sealed partial class CheckRunner
{
    private static Check Warning(string name, Action<Check, CheckContext, DtNode>? fn, params Check[] prereqs) => new(name, fn, true, false, prereqs);
    private static Check Error(string name, Action<Check, CheckContext, DtNode>? fn, params Check[] prereqs) => new(name, fn, false, true, prereqs);
    private static Check Off(string name, Action<Check, CheckContext, DtNode>? fn, params Check[] prereqs) => new(name, fn, false, false, prereqs);
    private static Check WithData(Check c, object data) { c.Data = data; return c; }

    /// <summary>A check of one property by name (its data), which passes over nodes without that property.</summary>
    private static Check OfProperty(Check c, string property) { c.Data = property; c.KeyProperty = property; return c; }

    private static Check[] BuildTable()
    {
        var duplicateNodeNames = Error("duplicate_node_names", StructureChecks.DuplicateNodeNames);
        var duplicatePropertyNames = Error("duplicate_property_names", StructureChecks.DuplicatePropertyNames);
        var nodeNameChars = WithData(Error("node_name_chars", StructureChecks.NodeNameChars), StructureChecks.NodeChars);
        var nodeNameFormat = Error("node_name_format", StructureChecks.NodeNameFormat, nodeNameChars);
        var nodeNameNotEmpty = Error("node_name_not_empty", StructureChecks.NodeNameNotEmpty, nodeNameChars);
        var propertyNameChars = WithData(Error("property_name_chars", StructureChecks.PropertyNameChars), StructureChecks.PropChars);
        var nameIsString = OfProperty(Error("name_is_string", ValueChecks.IsString), "name");
        var nameProperties = Error("name_properties", StructureChecks.NameProperties, nameIsString);
        var nodeNameVsPropertyName = Warning("node_name_vs_property_name", StructureChecks.NodeNameVsPropertyName, nodeNameChars);
        var duplicateLabel = Error("duplicate_label", StructureChecks.DuplicateLabels);
        var explicitPhandles = Error("explicit_phandles", FixupChecks.ExplicitPhandles);
        var phandleReferences = Error("phandle_references", FixupChecks.PhandleReferences, duplicateNodeNames, explicitPhandles);
        var pathReferences = Error("path_references", FixupChecks.PathReferences, duplicateNodeNames);
        var omitUnusedNodes = Error("omit_unused_nodes", FixupChecks.OmitUnusedNodes, phandleReferences, pathReferences);
        var addressCellsIsCell = OfProperty(Warning("address_cells_is_cell", ValueChecks.IsCell), "#address-cells");
        var sizeCellsIsCell = OfProperty(Warning("size_cells_is_cell", ValueChecks.IsCell), "#size-cells");
        var deviceTypeIsString = OfProperty(Warning("device_type_is_string", ValueChecks.IsString), "device_type");
        var modelIsString = OfProperty(Warning("model_is_string", ValueChecks.IsString), "model");
        var statusIsString = OfProperty(Warning("status_is_string", ValueChecks.IsString), "status");
        var labelIsString = OfProperty(Warning("label_is_string", ValueChecks.IsString), "label");
        var compatibleIsStringList = OfProperty(Warning("compatible_is_string_list", ValueChecks.IsStringList), "compatible");
        var namesIsStringList = Warning("names_is_string_list", ValueChecks.NamesIsStringList);
        var propertyNameCharsStrict = WithData(Off("property_name_chars_strict", StructureChecks.PropertyNameCharsStrict), StructureChecks.StrictChars);
        var nodeNameCharsStrict = WithData(Off("node_name_chars_strict", StructureChecks.NodeNameCharsStrict), StructureChecks.StrictChars);
        var addrSizeCells = Warning("addr_size_cells", AddressChecks.AddrSizeCells, addressCellsIsCell, sizeCellsIsCell);
        var regFormat = Warning("reg_format", AddressChecks.RegFormat, addrSizeCells);
        var rangesFormat = OfProperty(Warning("ranges_format", AddressChecks.RangesFormat, addrSizeCells), "ranges");
        var dmaRangesFormat = OfProperty(Warning("dma_ranges_format", AddressChecks.RangesFormat, addrSizeCells), "dma-ranges");
        var unitAddressVsReg = Warning("unit_address_vs_reg", AddressChecks.UnitAddressVsReg);
        var pciBridge = Warning("pci_bridge", BusChecks.PciBridge, deviceTypeIsString, addrSizeCells);
        var simpleBusBridge = Warning("simple_bus_bridge", BusChecks.SimpleBusBridge, addrSizeCells, compatibleIsStringList);
        var unitAddressFormat = Warning("unit_address_format", AddressChecks.UnitAddressFormat, nodeNameFormat, pciBridge, simpleBusBridge);
        var pciDeviceReg = Warning("pci_device_reg", BusChecks.PciDeviceReg, regFormat, pciBridge);
        var pciDeviceBusNum = Warning("pci_device_bus_num", BusChecks.PciDeviceBusNum, regFormat, pciBridge);
        var simpleBusReg = Warning("simple_bus_reg", BusChecks.SimpleBusReg, regFormat, simpleBusBridge);
        var i2cBusBridge = Warning("i2c_bus_bridge", BusChecks.I2cBusBridge, addrSizeCells);
        var i2cBusReg = Warning("i2c_bus_reg", BusChecks.I2cBusReg, regFormat, i2cBusBridge);
        var spiBusBridge = Warning("spi_bus_bridge", BusChecks.SpiBusBridge, addrSizeCells);
        var spiBusReg = Warning("spi_bus_reg", BusChecks.SpiBusReg, regFormat, spiBusBridge);
        var avoidDefaultAddrSize = Warning("avoid_default_addr_size", AddressChecks.AvoidDefaultAddrSize, addrSizeCells);
        var avoidUnnecessaryAddrSize = Warning("avoid_unnecessary_addr_size", AddressChecks.AvoidUnnecessaryAddrSize, avoidDefaultAddrSize);
        var uniqueUnitAddress = Warning("unique_unit_address", AddressChecks.UniqueUnitAddress, avoidDefaultAddrSize);
        var uniqueUnitAddressIfEnabled = Off("unique_unit_address_if_enabled", AddressChecks.UniqueUnitAddressIfEnabled, avoidDefaultAddrSize);
        var obsoleteChosenInterruptController = Warning("obsolete_chosen_interrupt_controller", ChosenChecks.ObsoleteInterruptController);
        var chosenNodeIsRoot = Warning("chosen_node_is_root", ChosenChecks.NodeIsRoot);
        var chosenNodeBootargs = Warning("chosen_node_bootargs", ChosenChecks.Bootargs);
        var chosenNodeStdoutPath = Warning("chosen_node_stdout_path", ChosenChecks.StdoutPath);

        var table = new List<Check>
        {
            duplicateNodeNames, duplicatePropertyNames, nodeNameChars, nodeNameFormat, nodeNameNotEmpty,
            propertyNameChars, nameIsString, nameProperties, nodeNameVsPropertyName, duplicateLabel,
            explicitPhandles, phandleReferences, pathReferences, omitUnusedNodes,
            addressCellsIsCell, sizeCellsIsCell, deviceTypeIsString, modelIsString, statusIsString, labelIsString,
            compatibleIsStringList, namesIsStringList, propertyNameCharsStrict, nodeNameCharsStrict,
            addrSizeCells, regFormat, rangesFormat, dmaRangesFormat, unitAddressVsReg, unitAddressFormat,
            pciBridge, pciDeviceReg, pciDeviceBusNum, simpleBusBridge, simpleBusReg, i2cBusBridge, i2cBusReg,
            spiBusBridge, spiBusReg, avoidDefaultAddrSize, avoidUnnecessaryAddrSize, uniqueUnitAddress,
            uniqueUnitAddressIfEnabled, obsoleteChosenInterruptController, chosenNodeIsRoot, chosenNodeBootargs,
            chosenNodeStdoutPath,
        };

        Check? interruptsExtendedIsCell = null;
        foreach (var (name, prop, cells, optional) in ProviderChecks.Providers)
        {
            var isCell = OfProperty(Warning(name + "_is_cell", ValueChecks.IsCell), cells);
            var property = WithData(Warning(name + "_property", ProviderChecks.ProviderCells, isCell, phandleReferences),
                new ProviderChecks.Provider(prop, cells, optional));
            property.KeyProperty = prop;
            table.Add(property);
            table.Add(isCell);
            if (name == "interrupts_extended") interruptsExtendedIsCell = isCell;
        }

        var deprecatedGpio = Off("deprecated_gpio_property", ProviderChecks.DeprecatedGpio);
        var gpiosProperty = Warning("gpios_property", ProviderChecks.Gpios, phandleReferences);
        var interruptsProperty = Warning("interrupts_property", InterruptChecks.Interrupts, phandleReferences);
        var interruptProvider = Warning("interrupt_provider", InterruptChecks.Provider, interruptsExtendedIsCell!);
        var interruptMap = Warning("interrupt_map", InterruptChecks.Map, phandleReferences, addrSizeCells, interruptProvider);
        var aliasPaths = Warning("alias_paths", ChosenChecks.AliasPaths);
        var graphNodes = Warning("graph_nodes", GraphChecks.Nodes);
        var graphPort = Warning("graph_port", GraphChecks.Port, graphNodes);
        var graphEndpoint = Warning("graph_endpoint", GraphChecks.Endpoint, graphNodes);
        var alwaysFail = Off("always_fail", (c, ctx, n) => ctx.Fail(c, n, "always_fail check"));
        table.AddRange(new[] { deprecatedGpio, gpiosProperty, interruptsProperty, interruptProvider, interruptMap, aliasPaths, graphNodes, graphPort, graphEndpoint, alwaysFail });
        return table.ToArray();
    }
}
