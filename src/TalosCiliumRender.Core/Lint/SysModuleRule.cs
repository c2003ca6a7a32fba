using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6001: a container adds the SYS_MODULE capability.</summary>
internal sealed class SysModuleRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintSysModule;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        foreach (var (index, resource, podSpec) in context.Workloads())
        {
            var containers = LintContext.Containers(podSpec)
                .Where(c => (c.GetPath("securityContext", "capabilities", "add") as YamlSequenceNode)?.Children
                    .OfType<YamlScalarNode>()
                    .Any(s => s.Value?.Trim().ToUpperInvariant() is "SYS_MODULE" or "CAP_SYS_MODULE") == true)
                .Select(c => c.GetString("name") ?? "(unnamed)")
                .ToArray();
            if (containers.Length > 0)
            {
                yield return new LintFinding(index, $"{LintContext.Describe(resource)} (securityContext.capabilities.add of container {string.Join(", ", containers)})");
            }
        }
    }
}
