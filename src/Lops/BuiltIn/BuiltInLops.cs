using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>The lops every registry starts with: Lopper's types and, through <see cref="Xen.XenLops"/>, the Xen steps.</summary>
public static class BuiltInLops
{
    public static IEnumerable<ILop> Lopper() => new ILop[]
    {
        new SelectLop(), new ModifyLop(), new AddLop(), new OutputLop(), new TreeLop(), new ConditionalLop(),
        new PrintLop(), new LoadLop(), new AssistLop(), new PythonCodeLop(), new MetaLop(), new ExecLop(),
    };

    /// <summary>A registry with every built-in lop.</summary>
    public static LopRegistry CreateRegistry()
    {
        var registry = new LopRegistry();
        foreach (var lop in Lopper()) registry.Register(lop);
        foreach (var lop in Xen.XenLops.All()) registry.Register(lop);
        return registry;
    }
}
