using System.Text;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Tests.Output;

/// <summary>The same-bytes check encodes the render a piece at a time; it must agree with encoding it whole.</summary>
public sealed class ExistingFileTests
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static IEnumerable<string> Texts()
    {
        yield return string.Empty;
        yield return "apiVersion: v1\n";
        yield return "é ü 日本 🚀\n";
        yield return "lone \ud800 high, lone \udc00 low, reversed \udc00\ud800 pair";
        yield return "\ud83d"; // a high surrogate at the very end
        // Long texts, with a pair or a lone surrogate at every position around the 2048-byte pieces.
        for (var pad = 2030; pad < 2060; pad++)
        {
            yield return new string('a', pad) + "🚀" + new string('b', 3000);
            yield return new string('a', pad) + "\ud800" + new string('b', 3000);
            yield return new string('x', pad / 3) + string.Concat(Enumerable.Repeat("日", 700)) + "🚀\ud800";
        }
    }

    [Test]
    public void Holds_utf8_agrees_with_comparing_the_whole_encoding()
    {
        foreach (var text in Texts())
        {
            var encoded = Utf8NoBom.GetBytes(text);
            Assert.Multiple(() =>
            {
                Assert.That(File(encoded).HoldsUtf8(text), Is.True, "the same bytes");
                Assert.That(File([.. encoded, (byte)'\n']).HoldsUtf8(text), Is.False, "one byte more");
                Assert.That(encoded.Length == 0 || File(encoded[..^1]).HoldsUtf8(text), Is.EqualTo(encoded.Length == 0), "one byte less");
                Assert.That(File([.. Encoding.UTF8.Preamble, .. encoded]).HoldsUtf8(text), Is.False, "a byte order mark");
                if (encoded.Length > 0)
                {
                    var changed = encoded.ToArray();
                    changed[^1] ^= 1;
                    Assert.That(File(changed).HoldsUtf8(text), Is.EqualTo(Utf8NoBom.GetBytes(text).AsSpan().SequenceEqual(changed)), "the last byte changed");
                }
            });
        }

        Assert.That(new ExistingFile("x", "x", false, null, null).HoldsUtf8(string.Empty), Is.False, "a file that was not read holds nothing");
    }

    private static ExistingFile File(byte[] bytes) => new(string.Empty, "out.yaml", true, bytes, null);
}
