namespace TalosCiliumRender.Core.Helm;

/// <summary>Where a chart comes from.</summary>
internal enum ChartSourceKind
{
    /// <summary>A chart .tgz or folder on disk; never touches the network.</summary>
    Local,

    /// <summary>A chart name in a classic HTTP(S) chart repository (an index.yaml).</summary>
    Repository,

    /// <summary>A chart in an OCI registry (<c>oci://…</c>).</summary>
    Oci,
}
