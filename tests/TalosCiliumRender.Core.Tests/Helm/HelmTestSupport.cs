using System.Text.Json;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;

namespace TalosCiliumRender.Core.Tests.Helm;

/// <summary>Builds controlled environments and FakeHelm wrappers for the helm-layer tests.</summary>
internal static class HelmTestSupport
{
    /// <summary>A RenderEnvironment that sees only <paramref name="variables"/>.</summary>
    public static RenderEnvironment Environment(string workingDirectory, IReadOnlyDictionary<string, string>? variables = null) =>
        new(name => variables is not null && variables.TryGetValue(name, out var value) ? value : null, workingDirectory, TimeProvider.System);

    /// <summary>
    /// An executable script that runs FakeHelm with the given FAKE_HELM_* variables. exec keeps the PID, so a hang
    /// in FakeHelm is the very process HelmCli has to kill.
    /// </summary>
    public static string FakeHelmScript(string folder, string name, IReadOnlyDictionary<string, string>? variables = null) =>
        TalosCiliumRender.Tests.Infrastructure.FakeHelmScript.Create(folder, name, variables);

    /// <summary>A HelmTool for a FakeHelm script, as if located.</summary>
    public static HelmTool FakeTool(string path) => new(path, "v3.99.0", new Version(3, 99, 0));

    /// <summary>The calls FakeHelm recorded (FAKE_HELM_RECORD), in order.</summary>
    public static IReadOnlyList<RecordedCall> ReadRecord(string path) =>
        !File.Exists(path)
            ? []
            : File.ReadAllLines(path).Where(l => l.Length > 0).Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var args = json.RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();
                var env = json.RootElement.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
                return new RecordedCall(args, env);
            }).ToArray();

    /// <summary>Runs <paramref name="action"/> and returns the code of the DiagnosticException it throws.</summary>
    public static Diagnostic Diagnose(TestDelegate action) => Assert.Throws<DiagnosticException>(action)!.Diagnostic;

    /// <summary>Awaits <paramref name="action"/> and returns the diagnostic of the DiagnosticException it throws.</summary>
    public static Diagnostic Diagnose(AsyncTestDelegate action) => Assert.ThrowsAsync<DiagnosticException>(action)!.Diagnostic;

    internal sealed record RecordedCall(string[] Args, Dictionary<string, string> Env);
}
