namespace Viommu.Lops.Runtime;

/// <summary>
/// A lop: one operation on device trees, found by its compatible string. Built-ins and plugins implement
/// this same interface; a plugin that registers a compatible already taken replaces the built-in.
/// </summary>
public interface ILop
{
    /// <summary>The compatible strings this lop answers to (e.g. <c>select</c>, <c>xen,resolve-streams</c>).
    /// Lopper's <c>system-device-tree-v1,lop,NAME[-vN]</c> spellings are reduced to <c>NAME</c> before lookup.</summary>
    IReadOnlyList<string> Compatibles { get; }

    /// <summary>One line for <c>viommu lopper --list</c> and error messages.</summary>
    string Description { get; }

    /// <summary>Runs the lop. Returns Lopper's result flag (false: nothing matched, nothing done), used by
    /// conditional chains and <c>cond</c>. A user mistake is reported by throwing <see cref="LopException"/>.</summary>
    bool Run(LopContext context);
}

/// <summary>What a plugin assembly exposes: a public class with a parameterless constructor implementing this.</summary>
public interface ILopProvider
{
    /// <summary>The lops this plugin provides.</summary>
    IEnumerable<ILop> CreateLops();
}
