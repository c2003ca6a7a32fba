namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// Bad option values and what the CLI and the MSBuild task must both say about them: the same "use …" for the
/// same mistake, because both take their parsers, ranges and wording from the core. The CLI tests and the MSBuild
/// tests each check every case, so the two front ends cannot drift apart again.
/// </summary>
public static class OptionWording
{
    /// <summary>One bad value.</summary>
    /// <param name="Flag">The CLI option (of <c>render</c>).</param>
    /// <param name="Metadata">The MSBuild item metadata.</param>
    /// <param name="Value">The bad value.</param>
    /// <param name="Says">What both must say about it.</param>
    public sealed record Case(string Flag, string Metadata, string Value, string Says)
    {
        public override string ToString() => $"{Flag}/{Metadata}={Value}";
    }

    public static IReadOnlyList<Case> Cases { get; } =
    [
        // Not a number at all: what the option takes.
        new("--timeout", "Timeout", "abc", "use a whole number of seconds from 1 to 3600"),
        new("--renew-before", "RenewBeforeDays", "a-month", "use a whole number of days from 0 to 36500"),
        new("--kubeprism-port", "KubePrismPort", "seven", "use a port number from 1 to 65535"),
        new("--layout", "Layout", "folder", "use file, directory or talos"),
        // Only names are layouts: not their numbers, not comma-joined names.
        new("--layout", "Layout", "1", "use file, directory or talos"),
        new("--layout", "Layout", "file,talos", "use file, directory or talos"),
        // Numbers out of range, and names the validator refuses: the core's sentence, naming both spellings.
        new("--timeout", "Timeout", "0", "for the helm timeout in seconds (--timeout, MSBuild: TalosCiliumRenderTimeout): use 1 to 3600 seconds (one helm run; the default is 300)"),
        new("--renew-before", "RenewBeforeDays", "-1", "for the certificate renewal window in days (--renew-before, MSBuild: TalosCiliumRenderRenewBeforeDays): use 0 to 36500 days"),
        new("--kubeprism-port", "KubePrismPort", "70000", "for the KubePrism port (--kubeprism-port, MSBuild: TalosCiliumRenderKubePrismPort): use a port from 1 to 65535"),
        new("--release", "ReleaseName", "Cilium", "for the release name (--release, MSBuild: TalosCiliumRenderReleaseName): helm takes a DNS-1123 subdomain"),
        new("--namespace", "Namespace", "Kube_System", "for the release namespace (--namespace, MSBuild: TalosCiliumRenderNamespace): a namespace is a DNS-1123 label"),
        new("--kube-version", "KubeVersion", "latest", "for the Kubernetes version (--kube-version, MSBuild: TalosCiliumRenderKubeVersion): use MAJOR.MINOR"),
    ];
}
