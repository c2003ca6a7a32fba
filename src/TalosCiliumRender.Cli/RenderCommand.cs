using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium render</c>: the chart through helm, presets, features and patches, to a file, a folder or stdout.</summary>
internal static class RenderCommand
{
    /// <summary>The <c>--output</c> value that means stdout.</summary>
    public const string StandardOutput = "-";

    public static Command Create(CliConsole console)
    {
        var options = new RenderOptions();
        var lint = new LintOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Write the output here (a folder for --layout directory), atomically; untouched when unchanged or on error. A symbolic link is followed (its target is replaced, the link stays); a device or pipe is written to in place. '-' or no option: stdout." };
        var noCarryOver = new Option<bool>("--no-carry-over")
        {
            Description = "Do not carry over the certificates and keys the chart generates (Hubble/Cluster Mesh TLS) from the existing output file: every render generates them anew.",
        };
        var renewBefore = new Option<int>(RequestOptions.RenewBefore.Flag)
        {
            Description = $"Renew a carried-over certificate that expires within this many days (a CA with every certificate it signed): 0 to {RequestOptions.MaxRenewBeforeDays}.",
            DefaultValueFactory = _ => (int)RenderRequest.DefaultCertificateRenewalWindow.TotalDays,
            HelpName = "days",
        };
        var failOnNonIdempotent = new Option<bool>("--fail-on-non-idempotent")
        {
            Description = "Treat output that would change on every render (random values, timestamps) as an error and write nothing (always so with --check).",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Do not write: render in memory and fail (TCR0008, listing each resource that differs) when the --output file or folder is missing or out of date. For CI.",
        };
        var diffAgainst = new Option<string?>("--diff-against")
        {
            Description = "After rendering, summarise per resource how the render differs from this committed manifest (file or folder) on stderr; exit 1 when it differs.",
        };
        var layout = new Option<string>(RequestOptions.Layout.Flag)
        {
            Description = "Output layout: 'file' (one YAML stream), 'directory' (one file per resource plus kustomization.yaml; -o names the folder) or 'talos' (a Talos machine-config patch embedding the manifests; needs --talos-version).",
            DefaultValueFactory = _ => "file",
        };
        var talosVersion = new Option<string?>("--talos-version") { Description = "Talos version X.Y the talos layout is for (<= 1.13: v1alpha1 patch; >= 1.14: typed documents)." };
        var talosPatch = new Option<string?>(RequestOptions.TalosPatch.Flag)
        {
            Description = "Also write the Talos machine-config patch (for --talos-version) of the same documents to this file, in the same run: the bootstrap inline manifest and the GitOps output carry the same certificates and header.",
        };
        var dnsForwarding = new Option<string?>(RequestOptions.TalosDnsForwarding.Flag)
        {
            Description = "on|off: whether Talos forwards kube-dns to its host DNS (forwardKubeDNSToHost), for lint TCR6011. Default: from --talos-version (on from 1.8).",
        };
        var noLint = new Option<bool>("--no-lint") { Description = "Do not run the Talos lint on the output." };
        var fluxHelmRelease = new Option<string?>("--flux-helmrelease")
        {
            Description = "Also write a Flux HelmRelease (helm.toolkit.fluxcd.io/v2) with its HelmRepository or OCIRepository to this file: the same chart, version, release, namespace and effective values, the kustomization as its post-renderer. Needs a chart from a repository or oci://. Compared with --check.",
            HelpName = "file",
        };
        var argoCdApplication = new Option<string?>("--argocd-application")
        {
            Description = "Also write an Argo CD Application (argoproj.io/v1alpha1) with a Helm source to this file: the same chart, version, release, namespace, Kubernetes and API versions and effective values. Needs a chart from a repository or oci:// and no kustomization. Compared with --check.",
            HelpName = "file",
        };
        var command = new Command("render", "Render Cilium for Talos: helm template with the preset, features and values, then the kustomization; lint for Talos; write in the chosen layout.");
        options.AddTo(command);
        command.Add(output);
        command.Add(check);
        command.Add(diffAgainst);
        command.Add(layout);
        command.Add(talosVersion);
        command.Add(talosPatch);
        command.Add(fluxHelmRelease);
        command.Add(argoCdApplication);
        command.Add(dnsForwarding);
        lint.AddTo(command);
        command.Add(noLint);
        command.Add(noCarryOver);
        command.Add(renewBefore);
        command.Add(failOnNonIdempotent);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Options the request cannot hold as given are checked here, then with every other option at once.
            var early = new List<Diagnostic>();
            var chosenLayout = RequestOptions.LayoutOf(parseResult.GetValue(layout), RequestOptions.Layout.Flag, early);
            var renewalWindow = RequestOptions.RenewalWindowOf(parseResult.GetValue(renewBefore), early);
            var forwarding = RequestOptions.TalosDnsForwardingOf(parseResult.GetValue(dnsForwarding), RequestOptions.TalosDnsForwarding.Flag, early);

            // '-' is stdout, as for most Unix tools: no file, so nothing is carried over or compared.
            var outputPath = parseResult.GetValue(output);
            if (outputPath == StandardOutput)
            {
                if (chosenLayout == OutputLayout.Directory)
                {
                    return console.Report([DiagnosticCatalog.DirectoryLayoutToStdout.Create()]);
                }

                if (parseResult.GetValue(check))
                {
                    return console.Report([DiagnosticCatalog.CheckNeedsCommittedOutput.Create(StandardOutput, "stdout")]);
                }

                outputPath = null;
            }

            var request = options.ToRequest(parseResult) with
            {
                OutputPath = outputPath,
                Mode = parseResult.GetValue(check) ? OutputMode.Check : OutputMode.Write,
                CarryOverGeneratedSecrets = !parseResult.GetValue(noCarryOver),
                CertificateRenewalWindow = renewalWindow,
                FailOnNonIdempotentOutput = parseResult.GetValue(failOnNonIdempotent),
                Layout = chosenLayout,
                TalosVersion = parseResult.GetValue(talosVersion),
                TalosPatchPath = parseResult.GetValue(talosPatch),
                TalosDnsForwarding = forwarding,
                Lint = !parseResult.GetValue(noLint),
                SuppressedLints = lint.Suppressed(parseResult),
                LintAsErrors = lint.AsErrors(parseResult),
                FluxHelmReleasePath = parseResult.GetValue(fluxHelmRelease),
                ArgoCdApplicationPath = parseResult.GetValue(argoCdApplication),
            };
            if (early.Count > 0)
            {
                return console.Report([.. early, .. RequestValidator.Validate(request, valuesOnly: false, console.RenderEnvironment)]);
            }

            var result = await new ManifestRenderer(console.RenderEnvironment).RenderAsync(request, cancellationToken).ConfigureAwait(false);
            var exitCode = console.Report(result.Diagnostics);
            if (result.Succeeded && request.OutputPath is null && request.Mode == OutputMode.Write)
            {
                await console.WriteRawAsync(result.TalosPatch ?? result.Manifest!, cancellationToken).ConfigureAwait(false);
            }

            if (!result.Succeeded)
            {
                return 1;
            }

            if (parseResult.GetValue(diffAgainst) is { } committed)
            {
                var environment = console.RenderEnvironment;
                // Not cancellable: the output may already be written, and a cancellation message would claim it was not.
                var diff = await ManifestComparer.CompareWithRenderAsync(environment.ResolvePath(committed), result.Manifest!, GeneratedMaterialAllowance.At(environment.Time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                if (console.Report(diff.Diagnostics) != 0)
                {
                    return DiffCommand.Failed;
                }

                // stdout may carry the manifest; the review summary goes to stderr.
                exitCode = Math.Max(exitCode, DiffCommand.Print(console.Error, diff));
            }

            return exitCode;
        });
        return command;
    }
}
