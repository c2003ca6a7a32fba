using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// Whether Talos forwards kube-dns to its host DNS resolver (<c>machine.features.hostDNS.forwardKubeDNSToHost</c>;
/// from 1.14 <c>hostDNS.forwardKubeDNSToHost</c> of a <c>ResolverConfig</c> document): on by default for clusters
/// created with Talos 1.8 or later (https://docs.siderolabs.com/talos/v1.14/networking/host-dns, "Forwarding kube-dns
/// to host DNS").
/// </summary>
internal static partial class TalosHostDns
{
    /// <summary>The first Talos minor whose generated config turns the forwarding on.</summary>
    public const int ForwardingDefaultSinceMinor = 8;

    /// <summary>
    /// The forwarding as the user declared it (<paramref name="setting"/>), else as Talos <paramref name="talosVersion"/>
    /// defaults it. Null when neither says: rules that depend on it then stay silent.
    /// </summary>
    /// <exception cref="DiagnosticException">TCR5002 when <paramref name="talosVersion"/> is not a Talos 1.x version.</exception>
    public static bool? Forwarding(bool? setting, string? talosVersion)
    {
        if (setting is { } declared)
        {
            return declared;
        }

        if (talosVersion is null)
        {
            return null;
        }

        // The same form the Talos layout accepts (X.Y, a leading v, a patch number, a pre-release suffix).
        var match = Pattern().Match(talosVersion.Trim());
        if (!match.Success || match.Groups[1].Value != "1")
        {
            throw DiagnosticCatalog.TalosVersionInvalid.Exception(talosVersion, match.Success ? "only Talos 1.x machine configs are known" : "it is not of the form X.Y");
        }

        return int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) >= ForwardingDefaultSinceMinor;
    }

    [GeneratedRegex(@"^v?(\d{1,4})\.(\d{1,4})(\.\d{1,4})?(-[0-9A-Za-z.\-]+)?$")]
    private static partial Regex Pattern();
}
