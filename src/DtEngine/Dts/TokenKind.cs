namespace Viommu.DtEngine.Dts;

/// <summary>DTS tokens (dtc's parser tokens; single characters are <see cref="Char"/>).</summary>
internal enum TokenKind
{
    EndOfFile,
    V1,
    Plugin,
    MemReserve,
    Bits,
    DeleteProperty,
    DeleteNode,
    OmitIfNoRef,
    PropNodeName,
    Literal,
    CharLiteral,
    Byte,
    String,
    Label,
    LabelRef,
    PathRef,
    Incbin,
    LeftShift,
    RightShift,
    LessEqual,
    GreaterEqual,
    Equal,
    NotEqual,
    LogicalAnd,
    LogicalOr,
    Char,
}
