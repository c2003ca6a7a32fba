using System.Security.Cryptography.X509Certificates;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// One render's memo for <see cref="GeneratedSecretCarryOver"/>: the PEM values of the committed documents and the
/// costly facts about their material (certificates and keys loaded, each key tried against the certificates of its
/// key pair, signatures between committed certificates checked). These need only the committed output, so
/// <see cref="Prepare"/> works them out while helm runs; the carry-over asks the memo and works out whatever it lacks,
/// so its decisions never depend on what was prepared.
/// </summary>
/// <remarks>Not thread-safe: prepared on one thread, then handed over (an awaited task) to the carry-over.</remarks>
internal sealed class CarryOverMemo : IDisposable
{
    private readonly Dictionary<ManifestDocument, IReadOnlyList<PemSlot>> _slots = new(ReferenceEqualityComparer.Instance);
    private (IReadOnlyList<ManifestDocument> Documents, DocumentMatcher.EarlierDocuments Index)? _earlier;

    /// <summary>The facts about PEM material, committed and new alike.</summary>
    public PemFacts Facts { get; } = new();

    /// <summary>Works out what the carry-over will ask about the committed <paramref name="earlier"/> documents.</summary>
    public static CarryOverMemo Prepare(IReadOnlyList<ManifestDocument> earlier, CancellationToken cancellationToken)
    {
        var memo = new CarryOverMemo();
        try
        {
            memo.Fill(earlier, cancellationToken);
            return memo;
        }
        catch
        {
            memo.Dispose();
            throw;
        }
    }

    /// <summary>The PEM values of a document, found once.</summary>
    public IReadOnlyList<PemSlot> SlotsOf(ManifestDocument document)
    {
        if (!_slots.TryGetValue(document, out var slots))
        {
            _slots[document] = slots = PemSlot.FindAll(document.Root);
        }

        return slots;
    }

    /// <summary>The earlier documents indexed for <see cref="DocumentMatcher"/>, once per list.</summary>
    public DocumentMatcher.EarlierDocuments Index(IReadOnlyList<ManifestDocument> earlier)
    {
        if (_earlier is not { } kept || !ReferenceEquals(kept.Documents, earlier))
        {
            _earlier = kept = (earlier, new DocumentMatcher.EarlierDocuments(earlier));
        }

        return kept.Index;
    }

    public void Dispose() => Facts.Dispose();

    private void Fill(IReadOnlyList<ManifestDocument> earlier, CancellationToken cancellationToken)
    {
        _ = Index(earlier);
        var certificates = new List<X509Certificate2>();
        var keys = new List<(PemBlock Block, string Text)>();
        foreach (var document in earlier)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var slot in SlotsOf(document))
            {
                foreach (var block in slot.Value.Blocks)
                {
                    if (block.IsCertificate && Facts.Certificate(block) is { } certificate)
                    {
                        if (!certificates.Contains(certificate, ReferenceEqualityComparer.Instance))
                        {
                            certificates.Add(certificate);

                            // Read once here (the certificate keeps them): the carry-over compares subjects, CA flags and expiry.
                            _ = (certificate.SubjectName.Name, certificate.NotAfter, Certificates.IsAuthority(certificate), Facts.PublicKeyInfo(certificate));
                        }
                    }
                    else if (block.IsPrivateKey && !Facts.IsLoaded(slot.Value.TextOf(block)))
                    {
                        var text = slot.Value.TextOf(block);
                        _ = Facts.PrivateKey(text);
                        keys.Add((block, text));
                    }
                }
            }
        }

        // A key goes with the certificates of its own key pair: those are the pairs whose possession test (a signature)
        // the carry-over makes. Any other pairing is told apart by the public keys alone.
        foreach (var (block, text) in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Facts.PublicKeyInfo(block, text) is not { } keyInfo)
            {
                continue;
            }

            foreach (var certificate in certificates.Where(c => Facts.PublicKeyInfo(c).AsSpan().SequenceEqual(keyInfo)))
            {
                _ = Facts.KeyMisfit(block, text, certificate);
            }
        }

        // Signatures between committed certificates: a leaf and the CA that issued it, a self-signed certificate.
        foreach (var certificate in certificates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var issuer in certificates)
            {
                _ = Facts.IsSignedBy(certificate, issuer);
            }
        }
    }
}
