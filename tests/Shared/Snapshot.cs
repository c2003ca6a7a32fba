using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// Approval files in Verify's layout: <c>&lt;Class&gt;.&lt;Method&gt;[.&lt;name&gt;].verified.&lt;ext&gt;</c> next to the test.
/// A mismatch writes <c>.received.&lt;ext&gt;</c> beside it and fails with a unified diff; set
/// <c>TCR_ACCEPT_SNAPSHOTS=1</c> to accept received output as the new verified file.
/// </summary>
internal static class Snapshot
{
    public static void Match(
        string actual,
        string extension = "txt",
        string? name = null,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        // CI builds are deterministic and map source paths to "/_/"; map them back to this checkout.
        if (testFile.StartsWith("/_/", StringComparison.Ordinal))
        {
            testFile = Path.Combine(TestPaths.RepositoryRoot, testFile["/_/".Length..]);
        }

        var directory = Path.GetDirectoryName(testFile)!;
        var stem = $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}{(name is null ? string.Empty : "." + name)}";
        var verifiedPath = Path.Combine(directory, $"{stem}.verified.{extension}");
        var receivedPath = Path.Combine(directory, $"{stem}.received.{extension}");
        actual = actual.ReplaceLineEndings("\n");

        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("TCR_ACCEPT_SNAPSHOTS") is "1" or "true")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        var message = verified is null
            ? $"No verified snapshot at {verifiedPath}. Review {receivedPath} and rename it (or set TCR_ACCEPT_SNAPSHOTS=1)."
            : $"Snapshot differs from {verifiedPath} (received: {receivedPath}; TCR_ACCEPT_SNAPSHOTS=1 accepts):\n{UnifiedDiff(verified, actual)}";
        Assert.Fail(message);
    }

    private static string UnifiedDiff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var builder = new StringBuilder();
        var shown = 0;
        foreach (var line in diff.Lines)
        {
            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => null,
            };
            if (prefix is null)
            {
                continue;
            }

            builder.Append(prefix).AppendLine(line.Text);
            if (++shown == 200)
            {
                builder.AppendLine("… (diff truncated)");
                break;
            }
        }

        return builder.ToString();
    }
}
