namespace Viommu.SmmuModel.Events;

/// <summary>Event record types with their architectural codes (IHI 0070 7.3).</summary>
public enum EventType
{
    F_UUT = 0x01,
    C_BAD_STREAMID = 0x02,
    F_STE_FETCH = 0x03,
    C_BAD_STE = 0x04,
    F_BAD_ATS_TREQ = 0x05,
    F_STREAM_DISABLED = 0x06,
    F_TRANSL_FORBIDDEN = 0x07,
    C_BAD_SUBSTREAMID = 0x08,
    F_CD_FETCH = 0x09,
    C_BAD_CD = 0x0a,
    F_WALK_EABT = 0x0b,
    F_TRANSLATION = 0x10,
    F_ADDR_SIZE = 0x11,
    F_ACCESS = 0x12,
    F_PERMISSION = 0x13,
    F_TLB_CONFLICT = 0x20,
    F_CFG_CONFLICT = 0x21,
}

/// <summary>What a stage-2 fault was translating when it happened (the CLASS field).</summary>
public enum FaultClass
{
    /// <summary>A CD fetch.</summary>
    Cd = 0,
    /// <summary>A stage-1 translation table fetch.</summary>
    TranslationTable = 1,
    /// <summary>The transaction's own input address.</summary>
    Input = 2,
}

public static class EventTypeInfo
{
    /// <summary>The four translation-related faults that the R and S bits govern.</summary>
    public static bool IsTranslationRelated(this EventType t) =>
        t is EventType.F_TRANSLATION or EventType.F_ADDR_SIZE or EventType.F_ACCESS or EventType.F_PERMISSION;

    /// <summary>Faults raised during a translation stage (they carry a stage and an address).</summary>
    public static bool IsStageFault(this EventType t) => t.IsTranslationRelated() || t == EventType.F_WALK_EABT;
}
