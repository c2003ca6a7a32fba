namespace TalosCiliumRender.Core;

/// <summary>
/// Everything that determines a render. Two equal requests against the same chart give the same documents.
/// Relative paths are resolved against <see cref="RenderEnvironment.WorkingDirectory"/>.
/// </summary>
public sealed record RenderRequest
{
    /// <summary>The chart used when none is named: Cilium's official chart.</summary>
    public const string DefaultChart = "cilium";

    /// <summary>Where a chart given by name comes from when no repository is named.</summary>
    public const string DefaultRepository = "https://helm.cilium.io";

    /// <summary>The chart version used for a chart from a repository when none is named.</summary>
    public const string DefaultChartVersion = "1.18.1";

    /// <summary>
    /// The Kubernetes version helm renders for when none is named: 1.35, the default of Talos 1.12. Always
    /// passed to helm, because helm's own default depends on the helm build (3.17: 1.32, 4.1: 1.35).
    /// </summary>
    public const string DefaultKubeVersion = "1.35.0";

    /// <summary>The preset used when none is named: Talos with kube-proxy replacement through KubePrism.</summary>
    public const string DefaultPreset = "talos";

    /// <summary>The helm release name used when none is named.</summary>
    public const string DefaultReleaseName = "cilium";

    /// <summary>The release namespace used when none is named: where Talos and Cilium's own docs install Cilium.</summary>
    public const string DefaultNamespace = "kube-system";

    /// <summary>A chart .tgz or folder, a chart name (from <see cref="Repository"/>), or an <c>oci://</c> reference.</summary>
    public string Chart { get; init; } = DefaultChart;

    /// <summary>Chart repository URL for a chart given by name; <see cref="DefaultRepository"/> when null.</summary>
    public string? Repository { get; init; }

    /// <summary>Chart version. For a local chart it is checked against Chart.yaml; for a remote one, <see cref="DefaultChartVersion"/> when null.</summary>
    public string? Version { get; init; }

    /// <summary>helm release name.</summary>
    public string ReleaseName { get; init; } = DefaultReleaseName;

    /// <summary>Namespace of the release.</summary>
    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>Base layer of values: <c>talos</c>, <c>talos-kube-proxy</c> or <c>none</c>.</summary>
    public string Preset { get; init; } = DefaultPreset;

    /// <summary>Features to switch on, applied in order over the preset (e.g. <c>hubble-ui</c>, <c>gateway-api</c>).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Values files, applied in order over the features.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>Inline values in helm's <c>--set</c> syntax, applied last.</summary>
    public IReadOnlyList<string> SetValues { get; init; } = [];

    /// <summary>The Kubernetes version helm renders for (<c>.Capabilities.KubeVersion</c>).</summary>
    public string KubeVersion { get; init; } = DefaultKubeVersion;

    /// <summary>Extra API versions helm should believe the cluster serves (<c>.Capabilities.APIVersions</c>).</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = [];

    /// <summary>KubePrism endpoint for the <c>talos</c> preset; localhost:7445 when null.</summary>
    public KubePrismEndpoint? KubePrism { get; init; }

    /// <summary>helm executable; when null, <c>TALOS_CILIUM_HELM</c>, then PATH.</summary>
    public string? HelmPath { get; init; }

    /// <summary>Chart cache folder; when null, <c>TALOS_CILIUM_CHART_CACHE</c> or the user's cache folder.</summary>
    public string? ChartCacheDirectory { get; init; }

    /// <summary>A kustomization (folder or file) applied to the rendered documents, which act as its base.</summary>
    public string? Kustomization { get; init; }

    /// <summary>When true, a patch whose target matches nothing in the render is allowed instead of failing.</summary>
    public bool AllowUnmatchedPatches { get; init; }

    /// <summary>
    /// When true, values the chart never reads (<see cref="DiagnosticCodes.UnknownValue"/>) and values of a type its
    /// <c>values.schema.json</c> rejects (<see cref="DiagnosticCodes.ValueTypeMismatch"/>) are warnings instead of errors.
    /// Both are checked before helm runs, against the chart being rendered.
    /// </summary>
    public bool AllowUnknownValues { get; init; }

    /// <summary>
    /// Render Cilium's upgrade pre-flight check instead of Cilium: the same preset, features, values files,
    /// <c>--set</c> values and KubePrism endpoint, with the values of the upgrade guide's first step on top
    /// (<c>preflight.enabled=true</c>, <c>agent=false</c>, <c>operator.enabled=false</c>), which win over the user's own.
    /// The output holds the <c>cilium-pre-flight-check</c> DaemonSet (it pulls the new images on every node) and
    /// Deployment, and no agent or operator.
    /// </summary>
    /// <remarks>
    /// The pre-flight output is applied, waited for until ready and deleted before the upgrade, so it belongs in a file
    /// of its own (<c>-o cilium-preflight.yaml</c>): a render into an output that holds the Cilium agent's DaemonSet
    /// fails with <see cref="DiagnosticCodes.PreflightWouldReplaceRender"/> and writes nothing. See
    /// https://docs.cilium.io/en/stable/operations/upgrade/#running-pre-flight-check-required.
    /// </remarks>
    public bool Preflight { get; init; }

    /// <summary>
    /// When true, a render that skips a Cilium minor release over the one the existing output at <see cref="OutputPath"/>
    /// was rendered with (1.17 to 1.19, or to a new major) is allowed instead of failing with
    /// <see cref="DiagnosticCodes.UpgradeSkipsMinor"/>. Cilium supports upgrades one minor at a time only.
    /// </summary>
    /// <remarks>MSBuild: <c>TalosCiliumRenderAllowMinorSkip</c>; CLI: <c>--allow-minor-skip</c>.</remarks>
    public bool AllowMinorSkip { get; init; }

    /// <summary>
    /// When true, rendering an older chart version than the one the existing output at <see cref="OutputPath"/> was
    /// rendered with (SemVer precedence: patch and pre-release count) is allowed instead of failing with
    /// <see cref="DiagnosticCodes.ChartDowngrade"/>.
    /// </summary>
    /// <remarks>MSBuild: <c>TalosCiliumRenderAllowDowngrade</c>; CLI: <c>--allow-downgrade</c>.</remarks>
    public bool AllowDowngrade { get; init; }

    /// <summary>
    /// When set, the manifest is written there atomically, and only when it changed (see <see cref="OutputMode.Write"/>);
    /// in <see cref="OutputMode.Check"/> it is the file compared with the render.
    /// </summary>
    /// <remarks>
    /// A symbolic link is followed: its final target is replaced and the link stays (a dangling link gets its target
    /// created). A device, named pipe or socket is written to in place, never replaced, read or compared; check mode
    /// refuses it (TCR0010). No value means stdout to <c>talos-cilium</c>; the library then only returns the manifest.
    /// </remarks>
    public string? OutputPath { get; init; }

    /// <summary>
    /// When set, a Flux <c>HelmRelease</c> (helm.toolkit.fluxcd.io/v2) and its source (a <c>HelmRepository</c> for a chart
    /// repository, an <c>OCIRepository</c> for an <c>oci://</c> chart) are written there with the render: the same chart,
    /// version, release, namespace and effective values, and the <see cref="Kustomization"/> as its post-renderer.
    /// Compared instead of written in <see cref="OutputMode.Check"/>. The chart must come from a repository or registry.
    /// </summary>
    /// <remarks>MSBuild: item metadata <c>FluxHelmRelease</c> (<c>TalosCiliumRenderFluxHelmRelease</c>); CLI: <c>--flux-helmrelease</c>.</remarks>
    public string? FluxHelmReleasePath { get; init; }

    /// <summary>
    /// When set, an Argo CD <c>Application</c> (argoproj.io/v1alpha1) with a Helm source is written there with the render:
    /// the same chart, version, release, namespace, Kubernetes and API versions, and effective values. Compared instead of
    /// written in <see cref="OutputMode.Check"/>. The chart must come from a repository or registry, and there must be no
    /// <see cref="Kustomization"/> (a Helm source has no post-renderer).
    /// </summary>
    /// <remarks>MSBuild: item metadata <c>ArgoCdApplication</c> (<c>TalosCiliumRenderArgoCdApplication</c>); CLI: <c>--argocd-application</c>.</remarks>
    public string? ArgoCdApplicationPath { get; init; }

    /// <summary>Write the output (the default), or only check that the file at <see cref="OutputPath"/> is up to date.</summary>
    public OutputMode Mode { get; init; } = OutputMode.Write;

    /// <summary>
    /// How the output is laid out: one file (the default), a folder with a kustomization (<see cref="OutputPath"/> is
    /// then a folder), or a Talos machine-config patch (needs <see cref="TalosVersion"/>).
    /// </summary>
    public OutputLayout Layout { get; init; } = OutputLayout.File;

    /// <summary>
    /// The Talos version (<c>X.Y</c>) the <see cref="OutputLayout.Talos"/> patch is for: up to 1.13 a v1alpha1
    /// patch, from 1.14 the typed documents.
    /// </summary>
    public string? TalosVersion { get; init; }

    /// <summary>
    /// A second output of the same render: the Talos machine-config patch (as <see cref="OutputLayout.Talos"/> writes it,
    /// for <see cref="TalosVersion"/>) of the very documents written to <see cref="OutputPath"/> — the same carried
    /// certificates, the same provenance header — so the bootstrap inline manifest and the GitOps output never drift.
    /// </summary>
    /// <remarks>
    /// Both outputs are planned, linted and compared before either is written; check mode verifies both. The carry-over
    /// reads whichever exist; when both hold generated material and they disagree, <see cref="OutputPath"/> wins (with
    /// <see cref="DiagnosticCodes.OutputsDisagree"/>). Not with <see cref="OutputLayout.Talos"/> (that output is the patch
    /// already). MSBuild: <c>TalosCiliumRenderTalosPatch</c>; CLI: <c>--talos-patch</c>.
    /// </remarks>
    public string? TalosPatchPath { get; init; }

    /// <summary>
    /// Whether the cluster's Talos forwards kube-dns to its host DNS resolver (<c>forwardKubeDNSToHost</c>): lint rule
    /// TCR6011 warns when it does while Cilium masquerades in BPF with eBPF host routing. Null (the default) derives it
    /// from <see cref="TalosVersion"/>: on from Talos 1.8, where new clusters get it by default; unknown without a
    /// version, and then the rule stays silent. Say false for a cluster created before 1.8 or with the feature turned off.
    /// </summary>
    /// <remarks>MSBuild: <c>TalosCiliumRenderTalosDnsForwarding</c>; CLI: <c>--talos-dns-forwarding on|off</c>.</remarks>
    public bool? TalosDnsForwarding { get; init; }

    /// <summary>Lint the final documents for Talos (TCR6001-TCR6049); on by default.</summary>
    public bool Lint { get; init; } = true;

    /// <summary>
    /// Lint codes not to report (TCR6001-TCR6049), and the layout warning TCR5010. A single resource can also be
    /// excused with the annotation <c>talos-cilium.io/suppress: TCRnnnn</c>.
    /// </summary>
    public IReadOnlyList<string> SuppressedLints { get; init; } = [];

    /// <summary>Report lint findings as errors: the render then fails and writes nothing.</summary>
    public bool LintAsErrors { get; init; }

    /// <summary>The longest one helm run may take when nothing else is named: five minutes.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest time one helm run may take before it is stopped; <see cref="DefaultTimeout"/> by default.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>How long before expiry a carried-over certificate is renewed when none is named: 30 days.</summary>
    public static TimeSpan DefaultCertificateRenewalWindow { get; } = TimeSpan.FromDays(30);

    /// <summary>
    /// When true (the default) and <see cref="OutputPath"/> exists, the certificates and keys the chart generates
    /// (<c>genCA</c>, <c>genSignedCert</c>, … — Hubble and Cluster Mesh TLS) are carried over from that file, as the
    /// chart's own <c>lookup</c> would against a cluster, so an unchanged input renders the same bytes.
    /// </summary>
    /// <remarks>
    /// Carried material must still fit: the same CA, the subject and DNS names the chart wants now, and no expiry
    /// within <see cref="CertificateRenewalWindow"/>; otherwise it is renewed with a warning (TCR4001-TCR4003).
    /// MSBuild: <c>TalosCiliumRenderCarryOverSecrets</c>; CLI: <c>--no-carry-over</c>.
    /// </remarks>
    public bool CarryOverGeneratedSecrets { get; init; } = true;

    /// <summary>
    /// Carried-over certificates that expire within this time are renewed; a CA that does is replaced along with
    /// every certificate it signed. <see cref="DefaultCertificateRenewalWindow"/> by default.
    /// </summary>
    public TimeSpan CertificateRenewalWindow { get; init; } = DefaultCertificateRenewalWindow;

    /// <summary>
    /// Report output that would change on every render of the same input (a template using <c>randAlphaNum</c>,
    /// <c>uuidv4</c>, <c>now</c>, … that the carry-over does not cover) as an error (TCR4010) instead of a
    /// warning, and write nothing. Check mode sets this.
    /// </summary>
    public bool FailOnNonIdempotentOutput { get; init; }
}
