using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace TalosCiliumRender.Core.Pem;

/// <summary>
/// The SubjectPublicKeyInfo of an RSA private key, read from its encoding without loading it: loading has OpenSSL
/// check the key (primality tests included), about a millisecond per key, which the carry-over does not need for the
/// keys helm has just made, only their public half.
/// </summary>
/// <remarks>
/// Only keys that loading would certainly accept get an answer: the exact PEM layout .NET and Go write, a PKCS#1
/// <c>RSA PRIVATE KEY</c> or an unencrypted PKCS#8 <c>PRIVATE KEY</c> of <c>rsaEncryption</c> in DER, two primes, and
/// numbers that fit together as a key's do (n = pq, d inverts e modulo p-1 and q-1, the CRT values are d's and q's).
/// Everything else — EC keys, damage, other layouts — gets null, and the caller loads the key as before. Nothing here
/// signs or verifies: that stays OpenSSL's.
/// </remarks>
internal static class RsaKeyReader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const int MinimumBits = 1024;
    private const int MaximumBits = 16384;

    /// <summary>
    /// The bytes <see cref="AsymmetricAlgorithm.ExportSubjectPublicKeyInfo"/> gives for the key
    /// <paramref name="pem"/> (the exact text of <paramref name="block"/>) once loaded; null when that is not certain
    /// without loading it.
    /// </summary>
    public static byte[]? TryPublicKeyInfo(PemBlock block, string pem)
    {
        if (block.Label is not ("RSA PRIVATE KEY" or "PRIVATE KEY") || block.TryGetBytes() is not { } der)
        {
            return null;
        }

        // The PEM reading of the import is the reference: only text it reads exactly as written is decided here.
        if (!string.Equals(pem, PemEncoding.WriteString(block.Label, der), StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return (block.Label == "PRIVATE KEY" ? Pkcs8RsaKey(der) : der) is { } pkcs1 ? FromPkcs1(pkcs1) : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>The PKCS#1 key inside a PKCS#8 PrivateKeyInfo of rsaEncryption, version 0, without attributes.</summary>
    private static byte[]? Pkcs8RsaKey(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var info = outer.ReadSequence();
        if (outer.HasData || !info.TryReadInt32(out var version) || version != 0)
        {
            return null;
        }

        var algorithm = info.ReadSequence();
        if (algorithm.ReadObjectIdentifier() != RsaOid)
        {
            return null;
        }

        algorithm.ReadNull();
        if (algorithm.HasData)
        {
            return null;
        }

        var key = info.ReadOctetString();
        return info.HasData ? null : key;
    }

    private static byte[]? FromPkcs1(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var key = outer.ReadSequence();
        if (outer.HasData || !key.TryReadInt32(out var version) || version != 0)
        {
            return null; // version 1 is a multi-prime key
        }

        var n = key.ReadInteger();
        var e = key.ReadInteger();
        var d = key.ReadInteger();
        var p = key.ReadInteger();
        var q = key.ReadInteger();
        var dp = key.ReadInteger();
        var dq = key.ReadInteger();
        var qi = key.ReadInteger();
        if (key.HasData || !Consistent(n, e, d, p, q, dp, dq, qi))
        {
            return null;
        }

        var publicKey = new AsnWriter(AsnEncodingRules.DER);
        using (publicKey.PushSequence())
        {
            publicKey.WriteInteger(n);
            publicKey.WriteInteger(e);
        }

        var info = new AsnWriter(AsnEncodingRules.DER);
        using (info.PushSequence())
        {
            using (info.PushSequence())
            {
                info.WriteObjectIdentifier(RsaOid);
                info.WriteNull();
            }

            info.WriteBitString(publicKey.Encode());
        }

        return info.Encode();
    }

    /// <summary>
    /// The checks a key's import makes besides the primality of p and q, and the sizes .NET's import accepts: a key
    /// damaged anywhere fails one of them.
    /// </summary>
    private static bool Consistent(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dp, BigInteger dq, BigInteger qi)
    {
        if (n.Sign <= 0 || e.Sign <= 0 || d.Sign <= 0 || p.Sign <= 0 || q.Sign <= 0 || dp.Sign <= 0 || dq.Sign <= 0 || qi.Sign <= 0)
        {
            return false;
        }

        // Exponents of more than 64 bits are refused by some OpenSSL operations: uncommon enough to leave to the load.
        var bits = n.GetBitLength();
        if (bits is < MinimumBits or > MaximumBits || e.GetBitLength() > 64 || e.IsEven || e <= BigInteger.One || e >= n || p <= BigInteger.One || q <= BigInteger.One || p == q)
        {
            return false;
        }

        // .NET's import pads D to the modulus' length and the CRT values to half of it, and refuses what does not fit.
        var length = n.GetByteCount(isUnsigned: true);
        var half = (length + 1) / 2;
        if (d.GetByteCount(isUnsigned: true) > length
            || new[] { p, q, dp, dq, qi }.Any(v => v.GetByteCount(isUnsigned: true) > half))
        {
            return false;
        }

        var p1 = p - BigInteger.One;
        var q1 = q - BigInteger.One;
        return p * q == n
            && e * d % p1 == BigInteger.One
            && e * d % q1 == BigInteger.One
            && dp == d % p1
            && dq == d % q1
            && qi < p
            && qi * q % p == BigInteger.One;
    }
}
