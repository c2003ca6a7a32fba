using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// The offline <c>lookup</c>: puts the certificates and keys an earlier render committed back in place of the
/// ones <c>helm template</c> just generated, as the chart's own <c>lookup</c> would against a cluster — as long
/// as they still fit what the chart generates now.
/// </summary>
/// <remarks>
/// <para>
/// Which material is the chart's own is read from two facts together: the document comes from a template that
/// calls a certificate generator (<see cref="ChartTemplateScan"/>), and the value holds PEM. No list of Secret
/// names is involved, so new features and chart versions are covered as they come.
/// </para>
/// <para>
/// Rules. A CA is carried when the earlier one is still a CA with the subject the chart wants, its key
/// matches, and it does not expire within the renewal window; otherwise the fresh CA is taken and every
/// certificate it signed is taken fresh too. A certificate signed by a carried CA is carried when its subject,
/// DNS names and IP addresses are what the chart wants now, the carried CA signed it, its key matches, and it
/// does not expire within the window. One about to expire is re-signed by the carried CA with its own key; one
/// that no longer fits is issued anew by the carried CA for the fresh key. Every copy of a replaced block —
/// the <c>ca.crt</c> in each Secret, a <c>caBundle</c>, a ConfigMap — is replaced alike, so the CA stays
/// consistent everywhere. Diagnostics name Secrets and keys, never their content.
/// </para>
/// </remarks>
internal sealed class GeneratedSecretCarryOver
{
    private readonly IReadOnlyList<ManifestDocument> _documents;
    private readonly ChartTemplateScan _scan;
    private readonly DateTimeOffset _now;
    private readonly TimeSpan _window;
    private readonly DocumentMatcher _matcher;
    private readonly CarryOverMemo _memo;
    private readonly PemFacts _facts;
    private readonly Dictionary<int, IReadOnlyList<PemSlot>> _slots = [];
    private readonly Dictionary<string, string> _replacements = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<FreshCertificate> _certificates = [];
    private readonly List<FreshKey> _keys = [];

    private GeneratedSecretCarryOver(
        IReadOnlyList<ManifestDocument> documents, IReadOnlyList<ManifestDocument> earlier, ChartTemplateScan scan, DateTimeOffset now, TimeSpan window, CarryOverMemo memo)
    {
        _documents = documents;
        _scan = scan;
        _now = now;
        _window = window;
        _matcher = new DocumentMatcher(documents, memo.Index(earlier));
        _memo = memo;
        _facts = memo.Facts;
    }

    private enum Action
    {
        Fresh,
        Carry,
        Renew,
        Reissue,
    }

    /// <summary>Carries material over from <paramref name="earlier"/> into <paramref name="documents"/>, changing their scalars in place.</summary>
    /// <param name="documents">The new render.</param>
    /// <param name="earlier">The documents of the existing output file.</param>
    /// <param name="scan">Which templates generate certificates and keys.</param>
    /// <param name="now">The time renewals are measured from.</param>
    /// <param name="window">Material expiring within this time from <paramref name="now"/> is renewed.</param>
    /// <param name="memo">
    /// Facts about <paramref name="earlier"/> worked out before (<see cref="CarryOverMemo.Prepare"/>), which the caller
    /// disposes; without one, a memo of this call's own. The result is the same either way.
    /// </param>
    /// <returns>Warnings about renewed and replaced material.</returns>
    public static IReadOnlyList<Diagnostic> Apply(
        IReadOnlyList<ManifestDocument> documents, IReadOnlyList<ManifestDocument> earlier, ChartTemplateScan scan, DateTimeOffset now, TimeSpan window, CarryOverMemo? memo = null)
    {
        using var own = memo is null ? new CarryOverMemo() : null;
        var carryOver = new GeneratedSecretCarryOver(documents, earlier, scan, now, window, memo ?? own!);
        carryOver.Collect();
        carryOver.Decide();
        carryOver.Rewrite();
        return carryOver._diagnostics;
    }

    /// <summary>True when a document's PEM values are the chart's generated material, which the carry-over keeps stable.</summary>
    public static bool IsGenerated(ManifestDocument document, ChartTemplateScan scan) => scan.UsesCertificateGenerator(document.SourceTemplate);

    private void Collect()
    {
        var certificates = new Dictionary<string, FreshCertificate>(StringComparer.Ordinal);
        var keys = new Dictionary<string, FreshKey>(StringComparer.Ordinal);
        for (var d = 0; d < _documents.Count; d++)
        {
            if (!IsGenerated(_documents[d], _scan))
            {
                continue;
            }

            foreach (var slot in SlotsOf(d))
            {
                for (var b = 0; b < slot.Value.Blocks.Count; b++)
                {
                    var block = slot.Value.Blocks[b];
                    var occurrence = new Occurrence(d, slot, b);
                    if (block.IsCertificate)
                    {
                        if (!certificates.TryGetValue(block.Body, out var certificate))
                        {
                            if (_facts.Certificate(block) is not { } loaded)
                            {
                                continue;
                            }

                            certificates[block.Body] = certificate = new FreshCertificate(block.Body, loaded);
                            _certificates.Add(certificate);
                        }

                        certificate.Occurrences.Add(occurrence);
                    }
                    else if (block.IsPrivateKey)
                    {
                        if (!keys.TryGetValue(block.Body, out var key))
                        {
                            keys[block.Body] = key = new FreshKey(block.Body, _facts.PublicKeyInfo(block, slot.Value.TextOf(block)));
                            _keys.Add(key);
                        }

                        key.Occurrences.Add(occurrence);
                    }
                }
            }
        }

        // A certificate's home is where its key is: that is where the earlier render kept the pair too.
        foreach (var certificate in _certificates)
        {
            var publicKey = _facts.PublicKeyInfo(certificate.Certificate);
            certificate.Key = _keys.FirstOrDefault(k => k.PublicKey is { } info && info.AsSpan().SequenceEqual(publicKey));
            if (certificate.Key is { } key)
            {
                key.Owned = true;
                var documents = certificate.Occurrences.Select(o => o.Document).ToHashSet();
                certificate.KeyHome = key.Occurrences.FirstOrDefault(o => documents.Contains(o.Document)) ?? key.Occurrences[0];
                certificate.Home = certificate.Occurrences.FirstOrDefault(o => o.Document == certificate.KeyHome.Document) ?? certificate.Occurrences[0];
            }
            else
            {
                certificate.Home = certificate.Occurrences[0];
            }
        }
    }

    private void Decide()
    {
        var authorities = _certificates.Where(c => Certificates.IsAuthority(c.Certificate)).ToArray();
        var leaves = _certificates.Except(authorities).ToArray();
        var issuers = leaves.ToDictionary(l => l, l => authorities.FirstOrDefault(a => _facts.IsSignedBy(l.Certificate, a.Certificate)));

        foreach (var authority in authorities)
        {
            var plan = PlanAuthority(authority);
            var signed = leaves.Where(l => issuers[l] == authority).ToArray();
            if (plan.Carried is null)
            {
                continue; // the fresh CA and the fresh certificates it signed stay as rendered
            }

            var leafPlans = signed.Select(l => (Leaf: l, Plan: PlanLeaf(l, plan))).ToArray();
            if (plan.CarriedKey is null && leafPlans.FirstOrDefault(p => p.Plan.Action is Action.Renew or Action.Reissue) is { Leaf: not null } blocked)
            {
                _diagnostics.Add(DiagnosticCatalog.GeneratedSecretReplaced.Create(
                    Describe(authority.Home), KeyName(authority.Home),
                    $"its key is not in the output, so it cannot sign the certificate '{KeyName(blocked.Leaf.Home)}' of {Describe(blocked.Leaf.Home)} anew",
                    "the chart's new CA and the certificates it signed were taken"));
                continue;
            }

            _replacements[authority.Body] = plan.CarriedText!;
            if (authority.Key is { } freshKey && plan.CarriedKeyText is { } keyText)
            {
                _replacements[freshKey.Body] = keyText;
            }

            foreach (var (leaf, leafPlan) in leafPlans)
            {
                Carry(leaf, leafPlan, plan);
            }
        }

        foreach (var leaf in leaves.Where(l => issuers[l] is null))
        {
            Carry(leaf, PlanLeaf(leaf, authority: null), authority: null);
        }

        foreach (var key in _keys.Where(k => !k.Owned))
        {
            CarryKey(key);
        }
    }

    private AuthorityPlan PlanAuthority(FreshCertificate authority)
    {
        if (Earlier(authority.Home) is not { } earlier)
        {
            return AuthorityPlan.Fresh; // nothing committed yet: this is the first render with this CA
        }

        var carried = _facts.Certificate(earlier.Block);

        // The same bytes as rendered: not generated at all but given (tls.ca.cert/key); it is the user's to renew.
        var identical = earlier.Block.Body == authority.Body;
        string? misfit = null;
        AsymmetricAlgorithm? carriedKey = null;
        string? carriedKeyText = null;
        if (carried is null)
        {
            misfit = "it is not a valid certificate";
        }
        else if (!Certificates.IsAuthority(carried))
        {
            misfit = "it is not a CA certificate";
        }
        else if (carried.SubjectName.Name != authority.Certificate.SubjectName.Name)
        {
            misfit = "the chart now gives its CA another subject";
        }
        else if (authority.KeyHome is { } keyHome)
        {
            if (Earlier(keyHome) is not { Block.IsPrivateKey: true } earlierKey)
            {
                misfit = "its key is missing";
            }
            else
            {
                carriedKeyText = earlierKey.Value.TextOf(earlierKey.Block);
                misfit = KeyMisfit(earlierKey.Block, carriedKeyText, carried, keyHome, authority.Home);
                carriedKey = misfit is null ? _facts.PrivateKey(carriedKeyText) : null;
            }
        }

        var home = authority.Home;
        if (misfit is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.GeneratedSecretReplaced.Create(
                Describe(home), KeyName(home), misfit, "the chart's new CA and the certificates it signed were taken"));
            return AuthorityPlan.Fresh;
        }

        var notAfter = new DateTimeOffset(carried!.NotAfter);
        if (!identical && notAfter - _now <= _window)
        {
            var renewed = _certificates
                .Where(c => c != authority && !Certificates.IsAuthority(c.Certificate) && _facts.IsSignedBy(c.Certificate, authority.Certificate))
                .Select(c => $"{Describe(c.Home)} '{KeyName(c.Home)}'");
            _diagnostics.Add(DiagnosticCatalog.CertificateAuthorityRotated.Create(
                Describe(home), KeyName(home), Date(notAfter), Days(), string.Join(", ", renewed)));
            return AuthorityPlan.Fresh;
        }

        return new AuthorityPlan(carried, carriedKey, earlier.Value.TextOf(earlier.Block), carriedKeyText, home);
    }

    private LeafPlan PlanLeaf(FreshCertificate leaf, AuthorityPlan? authority)
    {
        // Signed by a carried CA: a new certificate must come from that CA too (Decide rotates the CA when it cannot sign).
        var chained = authority is { Carried: not null };
        if (Earlier(leaf.Home) is not { } earlier)
        {
            // New in this render (a feature switched on): it must still chain to the carried CA.
            return new LeafPlan(authority is null ? Action.Fresh : Action.Reissue, null, null, null);
        }

        var carried = _facts.Certificate(earlier.Block);

        string? misfit = null;
        string? carriedKeyText = null;
        if (carried is null)
        {
            misfit = "it is not a valid certificate";
        }
        else if (Certificates.IsAuthority(carried))
        {
            misfit = "it is a CA certificate where the chart now makes a leaf certificate";
        }
        else if (carried.SubjectName.Name != leaf.Certificate.SubjectName.Name)
        {
            misfit = "the chart now wants another subject";
        }
        else if (!Certificates.AlternativeNames(carried).SequenceEqual(Certificates.AlternativeNames(leaf.Certificate)))
        {
            misfit = "the chart now wants other DNS names or IP addresses";
        }
        else if (authority?.Carried is { } ca && !_facts.IsSignedBy(carried, ca))
        {
            misfit = "it is not signed by the carried CA";
        }
        else if (authority is null && _facts.IsSignedBy(leaf.Certificate, leaf.Certificate) && !_facts.IsSignedBy(carried, carried))
        {
            misfit = "it is not self-signed like the certificate the chart makes";
        }
        else if (leaf.KeyHome is { } keyHome)
        {
            if (Earlier(keyHome) is not { Block.IsPrivateKey: true } earlierKey)
            {
                misfit = "its key is missing";
            }
            else
            {
                carriedKeyText = earlierKey.Value.TextOf(earlierKey.Block);
                misfit = KeyMisfit(earlierKey.Block, carriedKeyText, carried, keyHome, leaf.Home);
            }
        }

        if (misfit is not null)
        {
            return new LeafPlan(chained ? Action.Reissue : Action.Fresh, null, null, misfit);
        }

        var notAfter = new DateTimeOffset(carried!.NotAfter);
        if (earlier.Block.Body != leaf.Body && notAfter - _now <= _window)
        {
            return new LeafPlan(chained ? Action.Renew : Action.Fresh, carried, carriedKeyText, null, notAfter, earlier.Value.TextOf(earlier.Block));
        }

        return new LeafPlan(Action.Carry, carried, carriedKeyText, null, notAfter, earlier.Value.TextOf(earlier.Block));
    }

    private void Carry(FreshCertificate leaf, LeafPlan plan, AuthorityPlan? authority)
    {
        var home = leaf.Home;
        switch (plan.Action)
        {
            case Action.Carry:
                _replacements[leaf.Body] = plan.CarriedText!;
                KeepCarriedKey(leaf, plan);
                break;
            case Action.Renew:
                _replacements[leaf.Body] = CertificateIssuer.Issue(leaf.Certificate, plan.Carried!.PublicKey, authority!.Carried!, authority.CarriedKey!, _now);
                KeepCarriedKey(leaf, plan);
                _diagnostics.Add(DiagnosticCatalog.CertificateRenewed.Create(
                    Describe(home), KeyName(home), Date(plan.NotAfter!.Value), Days(),
                    $"re-signed with the carried CA of {Describe(authority.Home!)}, keeping its key"));
                break;
            case Action.Reissue:
                _replacements[leaf.Body] = CertificateIssuer.Issue(leaf.Certificate, leaf.Certificate.PublicKey, authority!.Carried!, authority.CarriedKey!, _now);
                if (plan.Misfit is { } misfit)
                {
                    _diagnostics.Add(DiagnosticCatalog.GeneratedSecretReplaced.Create(
                        Describe(home), KeyName(home), misfit, $"a new certificate signed by the carried CA of {Describe(authority.Home!)} was issued"));
                }

                break;
            case Action.Fresh when plan.Misfit is { } reason:
                _diagnostics.Add(DiagnosticCatalog.GeneratedSecretReplaced.Create(Describe(home), KeyName(home), reason, "the chart's new certificate and key were taken"));
                break;
            case Action.Fresh when plan.NotAfter is { } notAfter:
                _diagnostics.Add(DiagnosticCatalog.CertificateRenewed.Create(
                    Describe(home), KeyName(home), Date(notAfter), Days(), "the chart's new certificate and key were taken"));
                break;
        }
    }

    private void KeepCarriedKey(FreshCertificate leaf, LeafPlan plan)
    {
        if (leaf.Key is { } freshKey && plan.CarriedKeyText is { } keyText)
        {
            _replacements[freshKey.Body] = keyText;
        }
    }

    private void CarryKey(FreshKey key)
    {
        var home = key.Occurrences[0];
        if (Earlier(home) is not { } earlier)
        {
            return;
        }

        var fresh = home.Slot.Value.Blocks[home.Block];
        var carriedText = earlier.Value.TextOf(earlier.Block);
        var damage = earlier.Block.IsPrivateKey ? _facts.KeyDamage(earlier.Block, carriedText) : null;

        var carried = _facts.PrivateKey(carriedText);
        var generated = _facts.PrivateKey(home.Slot.Value.TextOf(fresh));
        var sameKind = earlier.Block.Label == fresh.Label
            && (carried is null) == (generated is null)
            && (carried is null || ((carried is RSA) == (generated is RSA) && carried.KeySize == generated!.KeySize));
        if (damage is null && sameKind)
        {
            _replacements[key.Body] = carriedText;
        }
        else
        {
            _diagnostics.Add(DiagnosticCatalog.GeneratedSecretReplaced.Create(
                Describe(home), KeyName(home), damage is null ? "the chart now generates another kind of key" : "it " + damage, "the chart's new key was taken"));
        }
    }

    /// <summary>Why the committed key of a certificate cannot go with it, naming the key (and its resource when elsewhere).</summary>
    private string? KeyMisfit(PemBlock keyBlock, string keyText, X509Certificate2 certificate, Occurrence keyHome, Occurrence certificateHome)
    {
        if (_facts.KeyMisfit(keyBlock, keyText, certificate) is not { } reason)
        {
            return null;
        }

        var where = keyHome.Document == certificateHome.Document ? string.Empty : " in " + Describe(keyHome);
        return $"its key '{KeyName(keyHome)}'{where} {reason}";
    }

    /// <summary>Writes the decided blocks into every scalar that holds one, keeping the committed text where it says the same.</summary>
    private void Rewrite()
    {
        if (_replacements.Count == 0)
        {
            return;
        }

        for (var d = 0; d < _documents.Count; d++)
        {
            var document = _documents[d];
            foreach (var slot in SlotsOf(d))
            {
                if (!slot.Value.Blocks.Any(b => _replacements.ContainsKey(b.Body)))
                {
                    continue;
                }

                var text = slot.Value.Replace(b => _replacements.GetValueOrDefault(b.Body));
                var value = slot.Value.Encode(text);
                if (_matcher.Match(document) is { } earlierDocument
                    && EarlierSlots(earlierDocument).FirstOrDefault(s => s.Path == slot.Path) is { } earlierSlot
                    && earlierSlot.Value.Form == slot.Value.Form
                    && (earlierSlot.Value.Text == text || Normalized(earlierSlot.Value) == Normalized(PemValue.TryParse(text, PemForm.Plain)!)))
                {
                    value = earlierSlot.Node.Value!;
                }

                slot.Node.Value = value;
            }
        }
    }

    private static string Normalized(PemValue value) => value.Replace(b => b.Label + ":" + b.Body);

    private (PemValue Value, PemBlock Block)? Earlier(Occurrence occurrence)
    {
        if (_matcher.Match(_documents[occurrence.Document]) is not { } earlierDocument)
        {
            return null;
        }

        var slot = EarlierSlots(earlierDocument).FirstOrDefault(s => s.Path == occurrence.Slot.Path);
        if (slot is null || slot.Value.Blocks.Count != occurrence.Slot.Value.Blocks.Count)
        {
            return null;
        }

        // Labels are the callers' to compare: a key of another kind is a misfit to report, not an absence.
        return (slot.Value, slot.Value.Blocks[occurrence.Block]);
    }

    /// <summary>The PEM values of new document <paramref name="index"/>, found once (reading them decodes every one).</summary>
    private IReadOnlyList<PemSlot> SlotsOf(int index)
    {
        if (!_slots.TryGetValue(index, out var slots))
        {
            _slots[index] = slots = PemSlot.FindAll(_documents[index].Root);
        }

        return slots;
    }

    private IReadOnlyList<PemSlot> EarlierSlots(ManifestDocument document) => _memo.SlotsOf(document);

    private string Describe(Occurrence occurrence) => ObjectIdentity.From(_documents[occurrence.Document]).Describe();

    /// <summary><c>tls.crt</c> for <c>data["tls.crt"]</c> and <c>stringData["tls.crt"]</c>; the path otherwise.</summary>
    private static string KeyName(Occurrence occurrence)
    {
        var path = occurrence.Slot.Path;
        foreach (var prefix in new[] { "data[\"", "stringData[\"" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith("\"]", StringComparison.Ordinal) && path.IndexOf('[', prefix.Length) < 0)
            {
                return path[prefix.Length..^2];
            }
        }

        foreach (var prefix in new[] { "data.", "stringData." })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.IndexOfAny(['.', '['], prefix.Length) < 0)
            {
                return path[prefix.Length..];
            }
        }

        return path;
    }

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Days() => _window.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);

    private sealed record Occurrence(int Document, PemSlot Slot, int Block);

    private sealed class FreshCertificate(string body, X509Certificate2 certificate)
    {
        public string Body { get; } = body;

        public X509Certificate2 Certificate { get; } = certificate;

        public List<Occurrence> Occurrences { get; } = [];

        public FreshKey? Key { get; set; }

        public Occurrence Home { get; set; } = null!;

        public Occurrence? KeyHome { get; set; }
    }

    private sealed class FreshKey(string body, byte[]? publicKey)
    {
        public string Body { get; } = body;

        public byte[]? PublicKey { get; } = publicKey;

        public List<Occurrence> Occurrences { get; } = [];

        /// <summary>True when the key belongs to a certificate, whose decision then decides the key's.</summary>
        public bool Owned { get; set; }
    }

    private sealed record AuthorityPlan(X509Certificate2? Carried, AsymmetricAlgorithm? CarriedKey, string? CarriedText, string? CarriedKeyText, Occurrence? Home)
    {
        public static AuthorityPlan Fresh { get; } = new(null, null, null, null, null);
    }

    private sealed record LeafPlan(
        Action Action, X509Certificate2? Carried, string? CarriedKeyText, string? Misfit, DateTimeOffset? NotAfter = null, string? CarriedText = null);
}
