using PublicApiGenerator;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>The task assembly's C# surface is the task class alone.</summary>
public sealed class PublicApiApprovalTests
{
    [Test]
    public void MSBuild_public_api_is_approved()
    {
        var api = typeof(RenderCiliumManifest).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });
        Snapshot.Match(api);
    }
}
