using System.CommandLine;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium render</c>: the chart through helm, presets, features and patches, to a file or stdout.</summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new RenderOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Write the manifest to this file (atomically; untouched when unchanged or on error). Default: stdout." };
        var noCarryOver = new Option<bool>("--no-carry-over")
        {
            Description = "Do not carry over the certificates and keys the chart generates (Hubble/Cluster Mesh TLS) from the existing output file: every render generates them anew.",
        };
        var renewBefore = new Option<int>("--renew-before")
        {
            Description = "Renew a carried-over certificate that expires within this many days (a CA with every certificate it signed).",
            DefaultValueFactory = _ => (int)RenderRequest.DefaultCertificateRenewalWindow.TotalDays,
            HelpName = "days",
        };
        var failOnNonIdempotent = new Option<bool>("--fail-on-non-idempotent")
        {
            Description = "Treat output that would change on every render (random values, timestamps) as an error and write nothing (always so with --check).",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Do not write: render in memory and fail (TCR0008, listing each resource that differs) when the --output file is missing or out of date. For CI.",
        };
        var command = new Command("render", "Render Cilium for Talos: helm template with the preset, features and values, then the kustomization.");
        options.AddTo(command);
        command.Add(output);
        command.Add(check);
        command.Add(noCarryOver);
        command.Add(renewBefore);
        command.Add(failOnNonIdempotent);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = options.ToRequest(parseResult) with
            {
                OutputPath = parseResult.GetValue(output),
                Mode = parseResult.GetValue(check) ? OutputMode.Check : OutputMode.Write,
                CarryOverGeneratedSecrets = !parseResult.GetValue(noCarryOver),
                CertificateRenewalWindow = TimeSpan.FromDays(parseResult.GetValue(renewBefore)),
                FailOnNonIdempotentOutput = parseResult.GetValue(failOnNonIdempotent),
            };
            var result = await new ManifestRenderer(console.RenderEnvironment).RenderAsync(request, cancellationToken).ConfigureAwait(false);
            var exitCode = console.Report(result.Diagnostics);
            if (result.Succeeded && request.OutputPath is null && request.Mode == OutputMode.Write)
            {
                await console.WriteRawAsync(result.Manifest!, cancellationToken).ConfigureAwait(false);
            }

            return result.Succeeded ? exitCode : 1;
        });
        return command;
    }
}
