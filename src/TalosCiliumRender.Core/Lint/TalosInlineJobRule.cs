using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// TCR6010: a Job inside a Talos inline manifest. Talos applies inline manifests again on <c>talosctl upgrade-k8s</c>,
/// and a Job's pod template is immutable, so the upgrade fails once the Job's spec changes while the Job still exists
/// (cilium/cilium#43794, siderolabs/talos#11603).
/// </summary>
/// <remarks>
/// A Job named after a CronJob plus a 10-digit hex checksum is left alone: Cilium 1.19's chart names
/// hubble-generate-certs so ("hubble-generate-certs-&lt;sha256 of the spec, 10 digits&gt;"), so a changed spec is a new Job
/// that Talos creates instead of patching.
/// </remarks>
internal sealed partial class TalosInlineJobRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintJobInTalosInlineManifest;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (!context.TalosInlineManifest)
        {
            yield break;
        }

        var cronJobs = context.OfKind("CronJob").Select(c => (LintContext.Namespace(c.Resource), LintContext.Name(c.Resource))).ToHashSet();
        foreach (var (index, job) in context.OfKind("Job"))
        {
            var name = LintContext.Name(job);
            if (name is not null && ChecksumSuffix().Match(name) is { Success: true } named && cronJobs.Contains((LintContext.Namespace(job), named.Groups[1].Value)))
            {
                continue;
            }

            // A CronJob of the same name does the same work on its schedule: the one-shot Job is only the first run.
            var twin = cronJobs.Contains((LintContext.Namespace(job), name));
            yield return new LintFinding(index, LintContext.Describe(job) + (twin ? " (a CronJob of the same name is rendered too)" : string.Empty));
        }
    }

    [GeneratedRegex("^(.+)-[0-9a-f]{10}$")]
    private static partial Regex ChecksumSuffix();
}
