using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Output;

/// <summary>Writes manifests the way every render does: atomically, and not at all when the bytes are the same.</summary>
public static class ManifestFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM) in one rename.</summary>
    /// <param name="path">The file to write; a failure leaves it as it was.</param>
    /// <param name="content">The YAML text.</param>
    /// <param name="cancellationToken">Stops the write before the rename.</param>
    /// <returns>The error (TCR0007), or <see langword="null"/> when the file now holds <paramref name="content"/>.</returns>
    public static async Task<Diagnostic?> WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        try
        {
            await AtomicFile.WriteIfChangedAsync(path, content, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic;
        }
    }
}
