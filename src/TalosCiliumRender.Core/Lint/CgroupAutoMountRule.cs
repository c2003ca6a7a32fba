using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6002: the agent mounts cgroup2 itself (the chart's <c>mount-cgroup</c> init container).</summary>
internal sealed class CgroupAutoMountRule : ILintRule
{
    /// <summary>The init container the chart adds when <c>cgroup.autoMount.enabled</c> is true.</summary>
    private const string MountCgroup = "mount-cgroup";

    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintCgroupAutoMount;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        foreach (var (index, resource, podSpec) in context.Workloads())
        {
            var mounts = (podSpec.Get("initContainers") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
                .Any(c => c.GetString("name") == MountCgroup) == true;
            if (mounts)
            {
                yield return new LintFinding(index, $"{LintContext.Describe(resource)} runs the init container {MountCgroup} (cgroup.autoMount.enabled=true)");
            }
        }
    }
}
