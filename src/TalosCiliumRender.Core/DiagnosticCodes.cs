namespace TalosCiliumRender.Core;

/// <summary>
/// The code of every diagnostic the library reports, to match on <see cref="Diagnostic.Code"/>
/// (<c>diagnostic.Code == DiagnosticCodes.HelmNotFound</c>) instead of on the message text. Codes are stable: a code is
/// never reused for another meaning, and each has a help page (<see cref="Diagnostic.HelpLink"/>).
/// </summary>
/// <remarks>
/// Ranges: TCR0xxx configuration and MSBuild (TCR0100-TCR0149: the user's values checked against the chart), TCR1xxx helm and charts (TCR1100-TCR1149: chart upgrades, the committed output's chart against the one rendered), TCR2xxx patch engine and kustomize, TCR3xxx YAML,
/// TCR4001-TCR4049 GitOps-stable output, TCR5001-TCR5049 output layouts and Talos machine config, TCR5050-TCR5069 companion manifests for GitOps controllers, TCR6001-TCR6049 Talos
/// lint rules (warnings that <see cref="RenderRequest.SuppressedLints"/> can silence), TCR9xxx internal.
/// </remarks>
public static class DiagnosticCodes
{
    // ---- TCR0001-TCR0099: configuration, options, the command line and MSBuild ----

    /// <summary>The MSBuild running the task cannot host it.</summary>
    public const string UnsupportedMSBuild = "TCR0001";

    /// <summary>The preset name is not known.</summary>
    public const string UnknownPreset = "TCR0002";

    /// <summary>A feature name is not known.</summary>
    public const string UnknownFeature = "TCR0003";

    /// <summary>An option has a value that cannot be used.</summary>
    public const string InvalidOption = "TCR0004";

    /// <summary>The preset has no values for the chart's Cilium version.</summary>
    public const string PresetNotAvailable = "TCR0005";

    /// <summary>A values file does not exist.</summary>
    public const string ValuesFileNotFound = "TCR0006";

    /// <summary>The output could not be written.</summary>
    public const string OutputWriteFailed = "TCR0007";

    /// <summary>A committed output differs from a fresh render (check mode).</summary>
    public const string OutputStale = "TCR0008";

    /// <summary>Two renders of one build write the same file.</summary>
    public const string DuplicateOutput = "TCR0009";

    /// <summary>Check mode was pointed at a device, pipe, socket or stdout, which hold no committed output to compare.</summary>
    public const string CheckNeedsCommittedOutput = "TCR0010";

    /// <summary>The symbolic links of the output path cannot be followed.</summary>
    public const string OutputLinkUnresolvable = "TCR0011";

    /// <summary>A <c>--set</c> argument that helm's own <c>--set</c> parser rejects.</summary>
    public const string SetExpressionInvalid = "TCR0020";

    /// <summary>A <c>--set</c> integer that helm's values file reader cannot carry exactly.</summary>
    public const string SetIntegerNotExact = "TCR0021";

    /// <summary>An input file that must be UTF-8 (a values file) is not.</summary>
    public const string FileNotUtf8 = "TCR0022";

    /// <summary>The command line could not be parsed: an unknown option, a missing argument, a value of the wrong kind.</summary>
    public const string CommandLineInvalid = "TCR0030";

    /// <summary>The run was stopped by a signal (Ctrl+C, SIGTERM) before it finished.</summary>
    public const string Cancelled = "TCR0031";

    /// <summary>A values file names a folder.</summary>
    public const string ValuesFileIsFolder = "TCR0032";

    /// <summary>A manifest given to diff holds no Kubernetes object, or a document that is not one.</summary>
    public const string NotAManifest = "TCR0033";

    // ---- TCR0040-TCR0049: upgrades ----

    /// <summary>A pre-flight render (<see cref="RenderRequest.Preflight"/>) was pointed at an output that holds Cilium's agent.</summary>
    public const string PreflightWouldReplaceRender = "TCR0040";

    // ---- TCR0100-TCR0149: values checked against the chart, before helm runs ----

    /// <summary>A value is set that the chart never reads (a misspelt, moved or removed key).</summary>
    public const string UnknownValue = "TCR0101";

    /// <summary>A value has a type the chart's values.schema.json does not allow.</summary>
    public const string ValueTypeMismatch = "TCR0102";

    // ---- TCR1001-TCR1099: helm and charts ----

    /// <summary>No helm executable was found.</summary>
    public const string HelmNotFound = "TCR1001";

    /// <summary>helm exited with an error.</summary>
    public const string HelmFailed = "TCR1002";

    /// <summary>The helm executable is not a supported version.</summary>
    public const string HelmVersionUnsupported = "TCR1003";

    /// <summary>helm did not finish in time.</summary>
    public const string HelmTimedOut = "TCR1004";

    /// <summary>A local chart path does not exist.</summary>
    public const string ChartNotFound = "TCR1005";

    /// <summary>The repository has no chart of that name and version.</summary>
    public const string ChartVersionNotFound = "TCR1006";

    /// <summary>Downloading a chart failed.</summary>
    public const string ChartDownloadFailed = "TCR1007";

    /// <summary>The local chart's version is not the requested version.</summary>
    public const string ChartVersionMismatch = "TCR1008";

    /// <summary>The chart archive or folder is not a helm chart.</summary>
    public const string ChartInvalid = "TCR1009";

    /// <summary>A chart from a repository was asked for without a version.</summary>
    public const string ChartVersionRequired = "TCR1010";

    /// <summary>helm's output could not be read as YAML.</summary>
    public const string HelmOutputInvalid = "TCR1011";

    /// <summary>The helm executable exists but could not be started.</summary>
    public const string HelmNotRunnable = "TCR1012";

    /// <summary>The chart cache folder could not be read or written.</summary>
    public const string ChartCacheUnusable = "TCR1013";

    /// <summary>helm's output holds no Kubernetes object.</summary>
    public const string HelmRenderedNothing = "TCR1014";

    /// <summary>A document of helm's output is not a Kubernetes object.</summary>
    public const string HelmDocumentNotObject = "TCR1015";

    /// <summary>helm printed more than any render can hold (a runaway template, or not helm at all).</summary>
    public const string HelmOutputTooLarge = "TCR1016";

    /// <summary>A chart archive is cut off or damaged: its gzip stream or tar archive does not run whole to its end.</summary>
    public const string ChartArchiveDamaged = "TCR1020";

    /// <summary>A chart archive expands beyond what helm itself would load.</summary>
    public const string ChartArchiveTooLarge = "TCR1021";

    /// <summary>A chart archive's file name names another chart or version than its Chart.yaml.</summary>
    public const string ChartArchiveMisnamed = "TCR1022";

    /// <summary>helm succeeded but wrote warnings.</summary>
    public const string HelmWarning = "TCR1050";

    // ---- TCR1100-TCR1149: chart upgrades (the committed output's provenance header against the chart rendered) ----

    /// <summary>The render would skip a Cilium minor release (or jump to a new major) over the committed output's; see <see cref="RenderRequest.AllowMinorSkip"/>.</summary>
    public const string UpgradeSkipsMinor = "TCR1101";

    /// <summary>The render would go back to an older chart version than the committed output's; see <see cref="RenderRequest.AllowDowngrade"/>.</summary>
    public const string ChartDowngrade = "TCR1102";

    /// <summary>The committed output's header predates the record of the first Cilium minor: the minor it names is taken as that.</summary>
    public const string UpgradeCompatibilityAssumed = "TCR1103";

    /// <summary><c>upgrade-report --from</c> names nothing talos-cilium rendered: missing, unreadable, or without a provenance header.</summary>
    public const string UpgradeReportNeedsOutput = "TCR1104";

    /// <summary>The chart a committed output was rendered with is neither in the chart cache nor given with <c>--from-chart</c>.</summary>
    public const string CommittedChartUnavailable = "TCR1105";

    /// <summary><c>--from-chart</c> is another chart or version than the one the committed output names.</summary>
    public const string CommittedChartMismatch = "TCR1106";

    /// <summary><c>--from-chart</c> has the committed chart's name and version but not its digest.</summary>
    public const string CommittedChartDigestDiffers = "TCR1107";

    // ---- TCR2001-TCR2049: strategic merge and JSON 6902 patches ----

    /// <summary>A <c>$patch</c> directive has a value other than merge, replace or delete.</summary>
    public const string SmpUnknownDirective = "TCR2001";

    /// <summary>The patch gives a mapping, list or scalar where the resource has another kind of value.</summary>
    public const string SmpKindMismatch = "TCR2002";

    /// <summary>An element of a list merged by key is not a mapping or lacks the merge key.</summary>
    public const string SmpMissingMergeKey = "TCR2003";

    /// <summary>Two elements of a patch list merged by key have the same key.</summary>
    public const string SmpDuplicateMergeKey = "TCR2004";

    /// <summary>A <c>$retainKeys</c> directive is malformed or does not cover the patch's fields.</summary>
    public const string SmpRetainKeysInvalid = "TCR2005";

    /// <summary>A <c>$setElementOrder/&lt;list&gt;</c> directive cannot be applied.</summary>
    public const string SmpSetElementOrderInvalid = "TCR2006";

    /// <summary>A <c>$deleteFromPrimitiveList/&lt;list&gt;</c> directive is malformed.</summary>
    public const string SmpDeleteFromPrimitiveListInvalid = "TCR2007";

    /// <summary>A directive sits inside a list that is replaced wholesale, where it cannot be applied.</summary>
    public const string SmpDirectiveInReplacedList = "TCR2008";

    /// <summary>A patch list element gives a key its target element leaves out (or the other way round), which kustomize silently ignores.</summary>
    public const string SmpElementIgnored = "TCR2009";

    /// <summary>A JSON 6902 patch body is not a list of operations with the required fields.</summary>
    public const string JsonPatchMalformed = "TCR2020";

    /// <summary>A JSON 6902 operation has an unknown <c>op</c>.</summary>
    public const string JsonPatchUnknownOperation = "TCR2021";

    /// <summary>A JSON pointer in a JSON 6902 operation is not valid.</summary>
    public const string JsonPointerInvalid = "TCR2022";

    /// <summary>The location an operation reads or changes does not exist.</summary>
    public const string JsonPatchPathNotFound = "TCR2023";

    /// <summary>The parent of the location an operation adds to does not exist.</summary>
    public const string JsonPatchParentNotFound = "TCR2024";

    /// <summary>A list index in a JSON pointer is out of range or not a number.</summary>
    public const string JsonPatchIndexOutOfRange = "TCR2025";

    /// <summary>A JSON 6902 <c>test</c> operation failed.</summary>
    public const string JsonPatchTestFailed = "TCR2026";

    /// <summary>A JSON 6902 <c>move</c> would move a value into itself.</summary>
    public const string JsonPatchMoveIntoChild = "TCR2027";

    // ---- TCR2050-TCR2099: kustomizations ----

    /// <summary>A patch target matched no resource while patching a render.</summary>
    public const string PatchMatchedNothing = "TCR2050";

    /// <summary>Kustomization not found.</summary>
    public const string KustomizationNotFound = "TCR2051";

    /// <summary>Kustomization field not supported.</summary>
    public const string KustomizationFieldUnsupported = "TCR2052";

    /// <summary>Kustomization field invalid.</summary>
    public const string KustomizationFieldInvalid = "TCR2053";

    /// <summary>Path leaves the kustomization folder.</summary>
    public const string PathEscapesKustomization = "TCR2054";

    /// <summary>Referenced file not found.</summary>
    public const string ReferencedFileNotFound = "TCR2055";

    /// <summary>Remote resource not supported.</summary>
    public const string RemoteResourceUnsupported = "TCR2056";

    /// <summary>Resource has no kind.</summary>
    public const string ResourceMissingKind = "TCR2057";

    /// <summary>Resource has no name.</summary>
    public const string ResourceMissingName = "TCR2058";

    /// <summary>Duplicate resource.</summary>
    public const string DuplicateResourceId = "TCR2059";

    /// <summary>Resource is not an object.</summary>
    public const string ResourceNotObject = "TCR2060";

    /// <summary>Patch body not recognised.</summary>
    public const string PatchBodyUnrecognized = "TCR2061";

    /// <summary>Patch source invalid.</summary>
    public const string PatchSourceInvalid = "TCR2062";

    /// <summary>JSON patch without target.</summary>
    public const string JsonPatchTargetRequired = "TCR2063";

    /// <summary>Strategic merge patch matches nothing.</summary>
    public const string StrategicMergePatchNoMatch = "TCR2064";

    /// <summary>Several patch documents with a target.</summary>
    public const string MultiplePatchesWithTarget = "TCR2065";

    /// <summary>Invalid patch target.</summary>
    public const string TargetSelectorInvalid = "TCR2066";

    /// <summary>replicas entry matches nothing.</summary>
    public const string ReplicasNoMatch = "TCR2067";

    /// <summary>patchesJson6902 target needs a name.</summary>
    public const string PatchTargetNameRequired = "TCR2068";

    /// <summary>Field has an unexpected type.</summary>
    public const string FieldTypeMismatch = "TCR2069";

    /// <summary>Ambiguous reference.</summary>
    public const string AmbiguousReference = "TCR2070";

    /// <summary>Patch result invalid.</summary>
    public const string PatchResultInvalid = "TCR2071";

    /// <summary>Several kustomization files.</summary>
    public const string MultipleKustomizationFiles = "TCR2072";

    /// <summary>Invalid image name.</summary>
    public const string ImageNameInvalid = "TCR2073";

    /// <summary>Setting the namespace makes two objects the same object.</summary>
    public const string NamespaceIdConflict = "TCR2074";

    /// <summary>A base or component folder contains a kustomization already being built.</summary>
    public const string KustomizationCycle = "TCR2075";

    /// <summary>A folder listed under resources holds a Component, or one listed under components a Kustomization.</summary>
    public const string KustomizationKindMismatch = "TCR2076";

    /// <summary>A components entry names a file instead of a folder.</summary>
    public const string ComponentNotFolder = "TCR2077";

    /// <summary>A kustomization sets nothing but apiVersion and kind.</summary>
    public const string KustomizationEmpty = "TCR2078";

    // ---- TCR3xxx: YAML ----

    /// <summary>A mapping has the same key twice.</summary>
    public const string DuplicateKey = "TCR3001";

    /// <summary>The YAML is malformed.</summary>
    public const string MalformedYaml = "TCR3002";

    /// <summary>A YAML document has the wrong shape.</summary>
    public const string UnexpectedYamlShape = "TCR3003";

    /// <summary>A file could not be read.</summary>
    public const string FileUnreadable = "TCR3004";

    /// <summary>Lists and mappings nest deeper than the YAML depth limit.</summary>
    public const string YamlTooDeep = "TCR3005";

    /// <summary>Aliases would expand a document beyond the alias limit, or into itself.</summary>
    public const string YamlAliasExpansion = "TCR3006";

    /// <summary>An input file is larger than the size limit, or an endless stream.</summary>
    public const string InputTooLarge = "TCR3007";

    // ---- TCR4001-TCR4049: GitOps-stable output (carry-over of generated Secrets, non-idempotency guard) ----

    /// <summary>A carried-over certificate was about to expire and was renewed.</summary>
    public const string CertificateRenewed = "TCR4001";

    /// <summary>A carried-over CA was about to expire; a new CA was generated and its certificates issued anew.</summary>
    public const string CertificateAuthorityRotated = "TCR4002";

    /// <summary>A carried-over certificate or key no longer fits what the chart generates now, and was replaced.</summary>
    public const string GeneratedSecretReplaced = "TCR4003";

    /// <summary>The existing output could not be read, so nothing was carried over.</summary>
    public const string CarryOverSourceUnreadable = "TCR4004";

    /// <summary>The main output and the Talos patch of one render hold different generated material; the main output's is kept.</summary>
    public const string OutputsDisagree = "TCR4005";

    /// <summary>A resource changes on every render of the same input.</summary>
    public const string NonIdempotentOutput = "TCR4010";

    // ---- TCR5001-TCR5049: output layouts and Talos machine config ----

    /// <summary>The Talos layout was chosen without a Talos version.</summary>
    public const string TalosVersionRequired = "TCR5001";

    /// <summary>The Talos version cannot be read or is not supported.</summary>
    public const string TalosVersionInvalid = "TCR5002";

    /// <summary>The inline manifest name Talos would get is not a DNS-1123 subdomain.</summary>
    public const string TalosManifestNameInvalid = "TCR5003";

    /// <summary>The directory layout was chosen without an output folder.</summary>
    public const string DirectoryOutputRequired = "TCR5004";

    /// <summary>The output path of the directory layout is an existing file, device, pipe or socket.</summary>
    public const string OutputPathIsFile = "TCR5005";

    /// <summary>The output folder holds files talos-cilium did not write.</summary>
    public const string OutputFolderNotOwned = "TCR5006";

    /// <summary>The Talos machine-config patch is larger than common cloud user-data limits.</summary>
    public const string TalosPatchTooLarge = "TCR5010";

    /// <summary>The directory layout was asked to write to stdout.</summary>
    public const string DirectoryLayoutToStdout = "TCR5011";

    /// <summary>A single-file output path is an existing folder.</summary>
    public const string OutputPathIsFolder = "TCR5012";

    // ---- TCR5050-TCR5069: companion manifests for a GitOps controller that renders the chart itself ----

    /// <summary>A Flux HelmRelease or Argo CD Application was asked for a local chart, which no controller can fetch.</summary>
    public const string GitOpsChartNotReferenceable = "TCR5050";

    /// <summary>The kustomization holds what a Flux HelmRelease's post-renderer cannot express.</summary>
    public const string FluxPostRendererUnsupported = "TCR5051";

    /// <summary>An Argo CD Application was asked for a render with a kustomization, which its Helm source cannot apply.</summary>
    public const string ArgoCdKustomizationUnsupported = "TCR5052";

    /// <summary>The chart repository URL carries credentials or a query, which a committed companion manifest would publish.</summary>
    public const string GitOpsRepositoryCredentials = "TCR5053";

    /// <summary>A companion manifest's path is the output's, the other companion's, or inside the output folder.</summary>
    public const string GitOpsCompanionPathConflict = "TCR5054";

    // ---- TCR6001-TCR6049: Talos lint rules (warnings by default; suppressible) ----

    /// <summary>A container asks for the SYS_MODULE capability, which Talos does not grant.</summary>
    public const string LintSysModule = "TCR6001";

    /// <summary>Cilium would mount the cgroup2 file system itself.</summary>
    public const string LintCgroupAutoMount = "TCR6002";

    /// <summary>With kube-proxy replacement on, the agent does not reach the API server through KubePrism.</summary>
    public const string LintAgentNotOnKubePrism = "TCR6003";

    /// <summary>The KubePrism port in the manifests is not the configured one.</summary>
    public const string LintKubePrismPort = "TCR6004";

    /// <summary>k8sServiceHost: auto needs a cluster to look the API server up in.</summary>
    public const string LintServiceHostAuto = "TCR6005";

    /// <summary>The Talos patch and cilium-config disagree about kube-proxy: removed without replacement, or kept beside it.</summary>
    public const string LintKubeProxyRemovedWithoutReplacement = "TCR6006";

    /// <summary>helm generates new Hubble certificates on every render.</summary>
    public const string LintHubbleTlsChurn = "TCR6007";

    /// <summary>Private keys would be committed in plain text.</summary>
    public const string LintPlainTextPrivateKey = "TCR6008";

    /// <summary>Gateway API is enabled but no GatewayClass is rendered.</summary>
    public const string LintGatewayClassMissing = "TCR6009";

    /// <summary>A Job is embedded in a Talos inline manifest, which talosctl upgrade-k8s cannot update.</summary>
    public const string LintJobInTalosInlineManifest = "TCR6010";

    /// <summary>Talos forwards kube-dns to host DNS while Cilium masquerades in BPF with eBPF host routing.</summary>
    public const string LintHostDnsForwardingWithBpfHostRouting = "TCR6011";

    /// <summary>Gateway API support is on but nothing installs the Gateway API CRDs.</summary>
    public const string LintGatewayApiCrdsMissing = "TCR6012";

    // ---- TCR9xxx: internal ----

    /// <summary>A bug in the tool.</summary>
    public const string InternalError = "TCR9999";
}
