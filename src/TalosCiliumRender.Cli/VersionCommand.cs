using System.CommandLine;
using System.Reflection;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium version</c>: the tool's version.</summary>
internal static class VersionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("version", "Print the version of talos-cilium.");
        command.SetAction(_ =>
        {
            console.Out.WriteLine(ToolVersion);
            return 0;
        });
        return command;
    }

    public static string ToolVersion { get; } =
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
