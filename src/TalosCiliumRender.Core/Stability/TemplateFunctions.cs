using System.Collections.Frozen;

namespace TalosCiliumRender.Core.Stability;

/// <summary>The template functions whose result differs from one render to the next.</summary>
internal static class TemplateFunctions
{
    /// <summary>
    /// Functions that make keys and certificates. What they produce lands in PEM form, which the carry-over
    /// (the offline <c>lookup</c>) keeps stable.
    /// </summary>
    public static readonly FrozenSet<string> CertificateGenerators = FrozenSet.ToFrozenSet(
    [
        "genCA", "genCAWithKey", "genSignedCert", "genSignedCertWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genPrivateKey",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Every function whose result changes between two renders of the same input: randomness, the clock, salted
    /// hashes and random IVs, and the certificate generators.
    /// </summary>
    public static readonly FrozenSet<string> NonIdempotent = FrozenSet.ToFrozenSet(
    [
        .. CertificateGenerators,
        "randAlphaNum", "randAlpha", "randNumeric", "randAscii", "randBytes", "randInt", "uuidv4", "shuffle",
        "now", "ago",
        "htpasswd", "bcrypt", "encryptAES",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Functions that read the clock. A condition on the clock (a duration check such as Cilium's
    /// <c>hasDuration</c>: <c>ne now (now | dateModify …)</c>) does not make what it guards vary from one render
    /// to the next in practice, so conditions do not pass the clock on; values do.
    /// </summary>
    public static readonly FrozenSet<string> Clock = FrozenSet.ToFrozenSet(["now", "ago"], StringComparer.Ordinal);

    /// <summary>True when every function in <paramref name="functions"/> makes keys or certificates.</summary>
    public static bool OnlyCertificateGenerators(IEnumerable<string> functions) => functions.All(CertificateGenerators.Contains);
}
