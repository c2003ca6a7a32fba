using System.Security.Cryptography;
using System.Text;

namespace TalosCiliumRender.Core.Helm;

/// <summary>A content digest for a chart folder, which (unlike a .tgz) has no file digest of its own.</summary>
internal static class ChartContentDigest
{
    /// <summary><c>sha256:&lt;hex&gt;</c> over every file's relative path (with <c>/</c>) and bytes, in ordinal path order.</summary>
    public static async Task<string> ComputeAsync(string folder, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Path: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (path, relative) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }

        return "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
