namespace TalosCiliumRender.Core.Presets;

/// <summary>
/// The Linux capabilities the Talos preset grants, per Cilium minor version: the chart's own defaults minus
/// SYS_MODULE, which Talos forbids (its kernel does not load modules on request).
/// </summary>
/// <param name="Minor">Cilium minor version (1.x).</param>
/// <param name="CiliumAgent">securityContext.capabilities.ciliumAgent.</param>
/// <param name="CleanCiliumState">securityContext.capabilities.cleanCiliumState.</param>
internal sealed record CiliumCapabilities(int Minor, IReadOnlyList<string> CiliumAgent, IReadOnlyList<string> CleanCiliumState)
{
    private static readonly string[] AgentUpTo118 =
        ["CHOWN", "KILL", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "SYS_ADMIN", "SYS_RESOURCE", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"];

    // From 1.19 the chart's default agent capabilities add SYSLOG (checked against cilium-1.19.6's values.yaml).
    private static readonly string[] AgentFrom119 = [.. AgentUpTo118, "SYSLOG"];

    private static readonly string[] CleanState = ["NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"];

    /// <summary>Supported Cilium minors, oldest first. Tests compare each against the chart's values.yaml where a chart is at hand.</summary>
    public static IReadOnlyList<CiliumCapabilities> Table { get; } =
    [
        new(16, AgentUpTo118, CleanState),
        new(17, AgentUpTo118, CleanState),
        new(18, AgentUpTo118, CleanState),
        new(19, AgentFrom119, CleanState),
        new(20, AgentFrom119, CleanState),
    ];

    public static string SupportedRange => $"1.{Table[0].Minor} to 1.{Table[^1].Minor}";

    public static CiliumCapabilities? For(Version ciliumVersion) =>
        ciliumVersion.Major == 1 ? Table.FirstOrDefault(t => t.Minor == ciliumVersion.Minor) : null;
}
