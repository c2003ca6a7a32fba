using Microsoft.Build.Utilities;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>A <c>TalosCiliumRender</c> item as a project would write it: the output path and its metadata.</summary>
internal static class RenderItem
{
    public static TaskItem Of(string output, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(output);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }
}
