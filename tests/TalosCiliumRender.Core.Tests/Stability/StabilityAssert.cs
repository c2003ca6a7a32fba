using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>Reads generated Secrets out of manifests, and checks that diagnostics never carry secret material.</summary>
internal static partial class StabilityAssert
{
    /// <summary>Secret name → data key → value, for every Secret entry that holds PEM.</summary>
    public static Dictionary<string, Dictionary<string, string>> PemSecrets(string manifest)
    {
        var secrets = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = YamlReader.ReadDocuments(manifest, "manifest");
        }
        catch (DiagnosticException)
        {
            return secrets; // not YAML: no Secrets to read
        }

        foreach (var secret in ManifestComparison.OfKind(documents, "Secret"))
        {
            var name = ObjectIdentity.From(secret).Name!;
            if (secret.Get("data") is not YamlMappingNode data)
            {
                continue;
            }

            foreach (var (key, value) in data.Children)
            {
                var text = ((YamlScalarNode)value).Value!;
                if (Pem(text).StartsWith("-----BEGIN ", StringComparison.Ordinal))
                {
                    if (!secrets.TryGetValue(name, out var entries))
                    {
                        secrets[name] = entries = new Dictionary<string, string>(StringComparer.Ordinal);
                    }

                    entries[((YamlScalarNode)key).Value!] = text;
                }
            }
        }

        return secrets;
    }

    // Equality checks for values that hold keys and certificates: on failure they say what differs, never the content.
    public static void Same(string? actual, string? expected, string what) =>
        Assert.That(string.Equals(actual, expected, StringComparison.Ordinal), Is.True, $"{what}: differs (content not shown)");

    public static void Different(string? actual, string? other, string what) =>
        Assert.That(string.Equals(actual, other, StringComparison.Ordinal), Is.False, $"{what}: unexpectedly the same");

    public static void Same(byte[] actual, byte[] expected, string what) =>
        Assert.That(actual.AsSpan().SequenceEqual(expected), Is.True, $"{what}: differs (content not shown)");

    public static void Different(byte[] actual, byte[] other, string what) =>
        Assert.That(actual.AsSpan().SequenceEqual(other), Is.False, $"{what}: unexpectedly the same");

    public static void Same(IReadOnlyDictionary<string, string> actual, IReadOnlyDictionary<string, string> expected, string what)
    {
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys), what);
        foreach (var (key, value) in expected)
        {
            Same(actual.GetValueOrDefault(key), value, $"{what} {key}");
        }
    }

    public static void Same(Dictionary<string, Dictionary<string, string>> actual, Dictionary<string, Dictionary<string, string>> expected, string what)
    {
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys), what);
        foreach (var (name, entries) in expected)
        {
            Same(actual.GetValueOrDefault(name) ?? [], entries, $"{what}: {name}");
        }
    }

    public static string Pem(string base64)
    {
        try
        {
            return Encoding.ASCII.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    public static X509Certificate2 Certificate(string base64) => X509Certificate2.CreateFromPem(Pem(base64));

    /// <summary>
    /// Fails when any message holds PEM text, base64 of it, a piece of any key or certificate of
    /// <paramref name="manifests"/>, or any long mixed-case run of base64 letters.
    /// </summary>
    public static void NoSecretMaterial(IEnumerable<Diagnostic> diagnostics, params string[] manifests)
    {
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in manifests.SelectMany(m => PemSecrets(m).Values).SelectMany(e => e.Values))
        {
            pieces.Add(value[..32]);
            foreach (Match body in PemBody().Matches(Pem(value)))
            {
                var compact = body.Value.Replace("\n", string.Empty, StringComparison.Ordinal);
                for (var i = 0; i + 20 <= compact.Length; i += 20)
                {
                    pieces.Add(compact.Substring(i, 20));
                }
            }
        }

        foreach (var diagnostic in diagnostics)
        {
            var text = diagnostic.ToString();
            // Never print the message itself on failure: it is the thing under suspicion.
            var suspicious = text.Contains("-----", StringComparison.Ordinal) || text.Contains("LS0t", StringComparison.Ordinal)
                || LongBase64().IsMatch(text) || pieces.Any(p => text.Contains(p, StringComparison.Ordinal));
            Assert.That(suspicious, Is.False, $"{diagnostic.Code} carries something that looks like key or certificate material");
        }
    }

    // Without '/', so file paths in diagnostics (temp folders with random names) do not look like base64.
    [GeneratedRegex("(?=[A-Za-z0-9+]*[A-Z])(?=[A-Za-z0-9+]*[a-z])(?=[A-Za-z0-9+]*[0-9])[A-Za-z0-9+]{32,}")]
    private static partial Regex LongBase64();

    [GeneratedRegex("(?<=-----\\n)[A-Za-z0-9+/=\\n]+(?=\\n-----END)")]
    private static partial Regex PemBody();
}
