namespace TalosCiliumRender.Core.Kustomize;

/// <summary>kustomize's reading of an image reference: <c>[host[:port]/]path[:tag][@digest]</c>.</summary>
internal static class ImageReference
{
    /// <summary>Splits into name, tag and digest; a colon before the first slash belongs to the registry host.</summary>
    public static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@', StringComparison.Ordinal);
        var colon = search.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 && at < 0)
        {
            return (image, string.Empty, string.Empty);
        }

        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(at + offset)], string.Empty, image[(at + offset + 1)..]);
        }

        if (at >= 0)
        {
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        }

        return (image[..(colon + offset)], image[(colon + offset + 1)..], string.Empty);
    }

    /// <summary>The new reference for an images entry, as kustomize builds it.</summary>
    public static string Rewrite(string image, ImageEntry entry)
    {
        var (name, tag, digest) = Split(image);
        if (entry.NewName is not null)
        {
            name = entry.NewName;
        }

        // A new tag or digest replaces both the old tag and the old digest.
        if (entry.NewTag is not null || entry.Digest is not null)
        {
            tag = entry.NewTag ?? string.Empty;
            digest = entry.Digest ?? string.Empty;
        }

        var result = name;
        if (tag.Length > 0)
        {
            result += ":" + tag;
        }

        if (digest.Length > 0)
        {
            result += "@" + digest;
        }

        return result;
    }
}
