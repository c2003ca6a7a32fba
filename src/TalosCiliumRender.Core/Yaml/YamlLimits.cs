namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// The limits every YAML input is read under (values files, kustomizations and their resources and patches, helm's
/// output, existing outputs, diff inputs), in the spirit of go-yaml's, which helm and kustomize read YAML with.
/// </summary>
/// <remarks>
/// go-yaml (gopkg.in/yaml.v2 and v3, scannerc.go <c>max_flow_level</c> and <c>max_indents</c>, both 10000) stops a
/// flow or block nesting deeper than 10,000 levels ("exceeded max depth of 10000"), and decode.go
/// <c>allowedAliasRatio</c> refuses a document in which aliases produce too large a share of the nodes ("document
/// contains excessive aliasing"), the rule reproduced by <see cref="AliasShareAllowed"/>. See
/// https://github.com/go-yaml/yaml/blob/v3/scannerc.go and https://github.com/go-yaml/yaml/blob/v3/decode.go.
/// </remarks>
internal static class YamlLimits
{
    /// <summary>
    /// Lists and mappings nested deeper than this are refused. go-yaml allows 10,000; here every layer after the
    /// parser (de-anchoring, kustomize, strategic merge, the writers) walks the tree recursively on whatever stack the
    /// caller gives it (1.5 MB on a .NET thread-pool thread, less in some hosts), and a deep-copy already overflows
    /// such a stack at about 20,000 levels. 1,000 keeps a wide margin there, and is still far beyond any real input:
    /// the deepest object we know, Argo CD's Application CRD, nests 26 levels; a full Cilium render 12.
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// Input files larger than this are refused before they are parsed. A full Cilium render is about 120 KB, and the
    /// largest object etcd stores by default is 1.5 MiB (its <c>--max-request-bytes</c>); 16 MiB holds the largest
    /// CRD bundles people commit (several MB) with room to spare, parses in a few seconds, and stops an endless
    /// stream such as <c>/dev/zero</c> at once instead of running out of memory.
    /// </summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>go-yaml v3's <c>alias_ratio_range_low</c>: up to this many nodes, 99% may come from aliases.</summary>
    private const long AliasRatioRangeLow = 400_000;

    /// <summary>go-yaml v3's <c>alias_ratio_range_high</c>: from this many nodes on, only 10% may.</summary>
    private const long AliasRatioRangeHigh = 4_000_000;

    /// <summary>
    /// go-yaml's rule: a document of <paramref name="nodes"/> nodes (aliases expanded) of which
    /// <paramref name="aliasNodes"/> came from expanding aliases is refused once it is past 1,000 nodes and 100
    /// alias-made ones and the share of the latter is above <c>allowedAliasRatio</c>.
    /// </summary>
    public static bool AliasShareAllowed(long nodes, long aliasNodes)
    {
        if (aliasNodes <= 100 || nodes <= 1000)
        {
            return true;
        }

        double allowed = nodes switch
        {
            <= AliasRatioRangeLow => 0.99,
            >= AliasRatioRangeHigh => 0.10,
            _ => 0.99 - (0.89 * (nodes - AliasRatioRangeLow) / (AliasRatioRangeHigh - AliasRatioRangeLow)),
        };
        return (double)aliasNodes / nodes <= allowed;
    }
}
