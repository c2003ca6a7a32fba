namespace TalosCiliumRender.Core.Lint;

/// <summary>One resource a rule found at fault.</summary>
/// <param name="DocumentIndex">Index of the resource in <see cref="LintContext.Documents"/>; its annotation can suppress the finding.</param>
/// <param name="Detail">Names the resource and the field, e.g. <c>DaemonSet kube-system/cilium (containers cilium-agent)</c>. Never secret material.</param>
internal sealed record LintFinding(int DocumentIndex, string Detail);
