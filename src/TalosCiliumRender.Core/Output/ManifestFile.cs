using System.Text;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Writes manifests the way every render does: a regular file atomically (through its symbolic links, which stay
/// links) and not at all when the bytes are the same; a device, pipe or socket in place, as a stream.
/// </summary>
internal static class ManifestFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM) in one rename.</summary>
    /// <param name="path">The file to write; a failure leaves it as it was. A symbolic link is followed and its target replaced; a device or pipe is written to in place.</param>
    /// <param name="content">The YAML text.</param>
    /// <param name="cancellationToken">Stops the write before the rename.</param>
    /// <returns>The error (TCR0007, TCR0011, TCR5012), or <see langword="null"/> when the file now holds <paramref name="content"/>.</returns>
    public static async Task<Diagnostic?> WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteAsync(OutputTarget.Resolve(path, Path.GetFullPath(path)), content, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic;
        }
    }

    /// <summary>Writes one file of output to <paramref name="target"/>, by the rules of its kind.</summary>
    /// <param name="target">Where to write.</param>
    /// <param name="content">The text.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <param name="existing">The file as the render read it, for the same-bytes check; read again when <see langword="null"/>.</param>
    /// <exception cref="DiagnosticException">TCR0007, or TCR5012 when the target is a folder.</exception>
    internal static Task<OutputStatus> WriteAsync(OutputTarget target, string content, CancellationToken cancellationToken, ExistingFile? existing = null) =>
        target switch
        {
            { Kind: OutputKind.Directory } => throw DiagnosticCatalog.OutputPathIsFolder.Exception(SourceLocation.InFile(target.DisplayPath), target.DisplayPath),
            { IsStream: true } => StreamOutput.WriteAsync(target, Utf8NoBom.GetBytes(content), cancellationToken),
            _ => AtomicFile.WriteIfChangedAsync(target.DisplayPath, target.PhysicalPath, content, cancellationToken, existing),
        };
}
