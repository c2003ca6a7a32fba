using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TalosCiliumRender.Core.Pem;

/// <summary>
/// What <see cref="Certificates"/> tells about PEM material, each fact worked out once and kept: certificates and keys
/// loaded, their SubjectPublicKeyInfos, signatures checked, keys tried against certificates. Every answer depends on
/// the content asked about only, so a fact worked out early (while helm runs) is the one a later question would get.
/// </summary>
/// <remarks>
/// Owns what it loads: callers neither dispose nor change it. Not thread-safe: one thread at a time, with a
/// hand-over between (an awaited task).
/// </remarks>
internal sealed class PemFacts : IDisposable
{
    private readonly Dictionary<string, X509Certificate2?> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<X509Certificate2, byte[]> _certificateKeyInfos = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<X509Certificate2, Certificates.Verifier> _verifiers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(X509Certificate2 Certificate, X509Certificate2 Issuer), bool> _signatures = new(new PairComparer());
    private readonly Dictionary<string, AsymmetricAlgorithm?> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<AsymmetricAlgorithm, byte[]> _loadedKeyInfos = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, byte[]?> _readKeyInfos = new(StringComparer.Ordinal);
    private readonly Dictionary<(string KeyPem, X509Certificate2 Certificate), bool> _possession = new(new PairComparer());

    /// <summary>The certificate of a <c>CERTIFICATE</c> block (one object per body); null when it is none.</summary>
    public X509Certificate2? Certificate(PemBlock block)
    {
        if (!_certificates.TryGetValue(block.Body, out var certificate))
        {
            _certificates[block.Body] = certificate = Certificates.TryLoad(block.TryGetBytes());
        }

        return certificate;
    }

    /// <summary><see cref="Certificates.PublicKeyInfo(X509Certificate2)"/>, read from the encoding where that is certain, kept.</summary>
    public byte[] PublicKeyInfo(X509Certificate2 certificate)
    {
        if (!_certificateKeyInfos.TryGetValue(certificate, out var info))
        {
            _certificateKeyInfos[certificate] = info = Certificates.TryReadPublicKeyInfo(certificate) ?? Certificates.PublicKeyInfo(certificate);
        }

        return info;
    }

    /// <summary><see cref="Certificates.TryLoadPrivateKey"/>, kept (one object per text, owned here).</summary>
    public AsymmetricAlgorithm? PrivateKey(string pem)
    {
        if (!_keys.TryGetValue(pem, out var key))
        {
            _keys[pem] = key = Certificates.TryLoadPrivateKey(pem);
        }

        return key;
    }

    /// <summary>True when the key <paramref name="pem"/> was loaded already, so facts about it cost nothing more.</summary>
    public bool IsLoaded(string pem) => _keys.ContainsKey(pem);

    /// <summary>
    /// The SubjectPublicKeyInfo of the private key <paramref name="pem"/> (the text of <paramref name="block"/>); null
    /// when it does not load. A key loaded already answers from its load; an RSA key that
    /// <see cref="RsaKeyReader"/> reads with certainty is not loaded at all; any other is loaded.
    /// </summary>
    public byte[]? PublicKeyInfo(PemBlock block, string pem)
    {
        if (_keys.TryGetValue(pem, out var loaded))
        {
            return loaded is null ? null : PublicKeyInfo(loaded);
        }

        if (!_readKeyInfos.TryGetValue(pem, out var info))
        {
            _readKeyInfos[pem] = info = RsaKeyReader.TryPublicKeyInfo(block, pem) ?? (PrivateKey(pem) is { } key ? PublicKeyInfo(key) : null);
        }

        return info;
    }

    /// <summary><see cref="Certificates.KeyMisfit(PemBlock, string, X509Certificate2)"/> with every step kept.</summary>
    public string? KeyMisfit(PemBlock keyBlock, string keyPem, X509Certificate2 certificate)
    {
        var key = PrivateKey(keyPem);
        return Certificates.KeyMisfit(keyBlock, key, certificate, () => PublicKeyInfo(key!), () => PublicKeyInfo(certificate), () =>
        {
            if (!_possession.TryGetValue((keyPem, certificate), out var proven))
            {
                _possession[(keyPem, certificate)] = proven = Certificates.ProvesPossession(key!, Verifier(certificate));
            }

            return proven;
        });
    }

    /// <summary><see cref="Certificates.KeyDamage(PemBlock, string)"/> from the kept load.</summary>
    public string? KeyDamage(PemBlock keyBlock, string keyPem) => Certificates.KeyDamage(keyBlock, PrivateKey(keyPem));

    /// <summary><see cref="Certificates.IsSignedBy(X509Certificate2, X509Certificate2)"/>, kept, with each issuer's key loaded once.</summary>
    public bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!Certificates.MayBeSignedBy(certificate, issuer))
        {
            return false;
        }

        if (!_signatures.TryGetValue((certificate, issuer), out var signed))
        {
            _signatures[(certificate, issuer)] = signed = Certificates.IsSignedBy(certificate, Verifier(issuer));
        }

        return signed;
    }

    public void Dispose()
    {
        foreach (var verifier in _verifiers.Values)
        {
            verifier.Dispose();
        }

        foreach (var key in _keys.Values)
        {
            key?.Dispose();
        }

        foreach (var certificate in _certificates.Values)
        {
            certificate?.Dispose();
        }
    }

    private byte[] PublicKeyInfo(AsymmetricAlgorithm key)
    {
        if (!_loadedKeyInfos.TryGetValue(key, out var info))
        {
            _loadedKeyInfos[key] = info = Certificates.PublicKeyInfo(key);
        }

        return info;
    }

    private Certificates.Verifier Verifier(X509Certificate2 certificate)
    {
        if (!_verifiers.TryGetValue(certificate, out var verifier))
        {
            _verifiers[certificate] = verifier = Certificates.Verifier.Of(certificate);
        }

        return verifier;
    }

    /// <summary>
    /// Certificates by reference (<see cref="X509Certificate.Equals(X509Certificate)"/> compares issuer and serial
    /// only), key texts by content.
    /// </summary>
    private sealed class PairComparer : IEqualityComparer<(X509Certificate2 Certificate, X509Certificate2 Issuer)>, IEqualityComparer<(string KeyPem, X509Certificate2 Certificate)>
    {
        public bool Equals((X509Certificate2 Certificate, X509Certificate2 Issuer) x, (X509Certificate2 Certificate, X509Certificate2 Issuer) y) =>
            ReferenceEquals(x.Certificate, y.Certificate) && ReferenceEquals(x.Issuer, y.Issuer);

        public int GetHashCode((X509Certificate2 Certificate, X509Certificate2 Issuer) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Certificate), RuntimeHelpers.GetHashCode(obj.Issuer));

        public bool Equals((string KeyPem, X509Certificate2 Certificate) x, (string KeyPem, X509Certificate2 Certificate) y) =>
            string.Equals(x.KeyPem, y.KeyPem, StringComparison.Ordinal) && ReferenceEquals(x.Certificate, y.Certificate);

        public int GetHashCode((string KeyPem, X509Certificate2 Certificate) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.KeyPem), RuntimeHelpers.GetHashCode(obj.Certificate));
    }
}
