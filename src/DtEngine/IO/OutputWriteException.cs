namespace Viommu.DtEngine.IO;

/// <summary>
/// Writing to an output that opened failed (a full disk, a full device such as <c>/dev/full</c>, a closed pipe): the
/// tools that viommu's commands stand in for word this apart from a failure to open. <see cref="Exception.HResult"/>
/// keeps the errno of the failed call, as .NET's own exceptions do.
/// </summary>
public sealed class OutputWriteException : IOException
{
    public OutputWriteException(IOException failure) : base(failure.Message, failure) => HResult = failure.HResult;

    /// <summary>A failure with the errno of the call that failed.</summary>
    public OutputWriteException(Exception failure, int errno) : base(failure.Message, failure) => HResult = errno;
}
