using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// The name rules of Kubernetes and helm, checked before helm runs so a bad name is a coded error naming the option
/// instead of a helm failure (release name) or a manifest the API server rejects (namespace).
/// </summary>
internal static partial class KubernetesNames
{
    /// <summary>Kubernetes' limit for a DNS-1123 label (namespaces).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Kubernetes' limit for a DNS-1123 subdomain (object names).</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>helm's limit for a release name: <c>maxReleaseNameLen</c> in helm's <c>pkg/chartutil/validate_name.go</c>.</summary>
    public const int MaxReleaseNameLength = 53;

    /// <summary>A namespace name: Kubernetes' <c>IsDNS1123Label</c>.</summary>
    public static bool IsDns1123Label(string name) => name.Length is > 0 and <= MaxLabelLength && Dns1123Label().IsMatch(name);

    /// <summary>An object name: Kubernetes' <c>IsDNS1123Subdomain</c>.</summary>
    public static bool IsDns1123Subdomain(string name) => name.Length is > 0 and <= MaxSubdomainLength && Dns1123Subdomain().IsMatch(name);

    /// <summary>
    /// helm's <c>chartutil.ValidateReleaseName</c> (helm 3 and 4): the DNS-1123 subdomain pattern and at most 53
    /// characters. helm applies it in <c>helm template</c> too (it fails with "invalid release name").
    /// </summary>
    public static bool IsReleaseName(string name) => name.Length <= MaxReleaseNameLength && IsDns1123Subdomain(name);

    /// <summary>A host Cilium can reach the API server at: a DNS-1123 subdomain, or an IPv4 or IPv6 address (without brackets or zone).</summary>
    public static bool IsHost(string host) =>
        IsDns1123Subdomain(host)
        || (host.Contains(':', StringComparison.Ordinal) && host.AsSpan().IndexOfAny("%[]") < 0
            && IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6);

    // Kubernetes' dns1123LabelFmt and dns1123SubdomainFmt (apimachinery pkg/util/validation), which helm's validName
    // repeats; \z, not $, because .NET's $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();
}
