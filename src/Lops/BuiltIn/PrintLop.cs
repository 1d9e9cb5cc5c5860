using System.Text;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>Lopper's print: each <c>print*</c> option's strings are printed; an integer is a phandle, and that
/// node is printed.</summary>
public sealed class PrintLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "print" };
    public string Description => "print messages, or nodes by phandle";

    public bool Run(LopContext context)
    {
        var sb = new StringBuilder();
        foreach (var (_, value) in context.Spec.WithPrefix("print"))
        {
            if (value.Kind == LopValueKind.Strings)
            {
                foreach (var s in value.Strings) sb.Append(s).Append('\n');
                continue;
            }
            foreach (var phandle in value.Integers)
            {
                var node = context.Tree.FindByPhandle((uint)phandle);
                if (node is null) continue;
                var one = new DeviceTree(NodeCopy.DeepCopy(node));
                sb.Append(node.Path).Append(' ');
                var text = DtsWriter.Write(one);
                sb.Append(text[(text.IndexOf("/ {", StringComparison.Ordinal) + 2)..]);
            }
        }
        context.Session.Console.Write(sb.ToString());
        return true;
    }
}
