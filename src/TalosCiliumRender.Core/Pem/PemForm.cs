namespace TalosCiliumRender.Core.Pem;

/// <summary>How a scalar carries PEM text.</summary>
internal enum PemForm
{
    /// <summary>The PEM text itself (<c>stringData</c>, ConfigMaps).</summary>
    Plain,

    /// <summary>Base64 of the PEM text (Secret <c>data</c>, <c>caBundle</c>), as helm's <c>b64enc</c> writes it.</summary>
    Base64,
}
