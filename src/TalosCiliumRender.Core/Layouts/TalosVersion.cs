using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>A Talos release line, which decides the machine-config shape of the Talos layout.</summary>
/// <param name="Major">Major version; only 1 is known.</param>
/// <param name="Minor">Minor version.</param>
internal sealed partial record TalosVersion(int Major, int Minor)
{
    /// <summary>
    /// Talos 1.14 moved cluster settings out of the v1alpha1 document into typed documents
    /// (KubeInlineManifestConfig, KubeProxyConfig, KubeFlannelCNIConfig); mixing the two shapes fails validation.
    /// </summary>
    public bool UsesTypedDocuments => Minor >= 14;

    /// <summary>Reads <c>X.Y</c>, also accepting a leading <c>v</c>, a patch number and a pre-release suffix.</summary>
    /// <exception cref="DiagnosticException">TCR5002 when the text is not a Talos 1.x version.</exception>
    public static TalosVersion Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            throw DiagnosticCatalog.TalosVersionInvalid.Exception(text, "it is not of the form X.Y");
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (major != 1)
        {
            throw DiagnosticCatalog.TalosVersionInvalid.Exception(text, "only Talos 1.x machine configs are known");
        }

        return new TalosVersion(major, minor);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    [GeneratedRegex(@"^v?(\d{1,4})\.(\d{1,4})(\.\d{1,4})?(-[0-9A-Za-z.\-]+)?$")]
    private static partial Regex Pattern();
}
