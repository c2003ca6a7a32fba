using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// TCR6007: helm generated the Hubble certificates (hubble.tls.auto.method=helm), so each render makes new ones,
/// unless generated Secrets are carried over from the previous output.
/// </summary>
internal sealed class HubbleTlsChurnRule : ILintRule
{
    /// <summary>The Secret only the helm method renders; the cronJob method makes it in the cluster, cert-manager renders a Certificate.</summary>
    private const string ServerCertificates = "hubble-server-certs";

    /// <summary>The Secrets of the chart's templates/hubble/tls-helm, plus the CA they are signed with.</summary>
    private static readonly string[] HelmTlsSecrets =
        ["cilium-ca", ServerCertificates, "hubble-relay-client-certs", "hubble-relay-server-certs", "hubble-metrics-server-certs", "hubble-ui-client-certs"];

    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintHubbleTlsChurn;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        // Only a render makes new material; linting a finished manifest (kustomize --lint) cannot churn anything.
        if (!context.FreshHelmRender || context.CarryOverGeneratedSecrets)
        {
            yield break;
        }

        var secrets = context.OfKind("Secret").ToArray();
        var server = secrets.FirstOrDefault(s => LintContext.Name(s.Resource) == ServerCertificates && PlainTextPrivateKeyRule.KeysHoldingPrivateKeys(s.Resource).Any());
        if (server.Resource is null)
        {
            yield break;
        }

        var generated = secrets.Where(s => HelmTlsSecrets.Contains(LintContext.Name(s.Resource))).Select(s => LintContext.Describe(s.Resource));
        yield return new LintFinding(server.Index, string.Join(", ", generated));
    }
}
