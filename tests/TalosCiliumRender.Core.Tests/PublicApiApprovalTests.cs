using PublicApiGenerator;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Core.Tests;

/// <summary>API changes are deliberate: the public surface is approved in a committed snapshot.</summary>
public sealed class PublicApiApprovalTests
{
    [Test]
    public void Core_public_api_is_approved()
    {
        var api = typeof(ManifestRenderer).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });
        Snapshot.Match(api);
    }
}
