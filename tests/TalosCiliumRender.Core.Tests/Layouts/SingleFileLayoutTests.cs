using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Layouts;

/// <summary>Lint findings point at the line where a document starts, found in the written text without parsing it again.</summary>
public sealed class SingleFileLayoutTests
{
    [Test]
    public void Document_lines_agree_with_a_parse_of_what_the_writer_wrote()
    {
        const string documents = """
            # Source: cilium/templates/a.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              script: |
                #!/bin/sh
                ---
                echo "not a document marker: block scalars are indented"
              quoted: "line one\n# line two\n---\n"
            ---
            # Source: cilium/templates/b.yaml
            # a second comment
            apiVersion: v1
            kind: Secret
            metadata:
              name: b
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: c
            """;
        var parsed = YamlReader.ReadDocuments(documents, origin: null);
        var manifest = "# header line one\n# header line two\n" + YamlWriter.Write(parsed);
        var reread = YamlReader.ReadDocuments(manifest, origin: null);

        Assert.Multiple(() =>
        {
            for (var i = 0; i < reread.Count; i++)
            {
                Assert.That(SingleFileLayout.DocumentLine(manifest, i), Is.EqualTo((int)reread[i].Root.Start.Line), $"document {i}");
            }

            Assert.That(SingleFileLayout.DocumentLine(manifest, reread.Count), Is.Null);
        });
    }

    /// <summary>The provenance header is decoded alone; it must be what decoding the whole file and cutting it gives.</summary>
    [Test]
    public void Leading_comments_of_the_bytes_are_those_of_the_decoded_text()
    {
        byte[][] contents =
        [
            [],
            "# a\n# b\nkind: A\n"u8.ToArray(),
            "# only comments, no line feed"u8.ToArray(),
            "# é 🚀\r\n#\n\n# after a blank line\n"u8.ToArray(),
            [0xEF, 0xBB, 0xBF, .. "# after a BOM\nkind: A\n"u8],
            [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. "# after two BOMs\n"u8],
            [.. "# invalid "u8, 0xC3, (byte)'\n', (byte)'#', 0xE2, 0x82, (byte)'\n', 0xFF, .. "# not a comment line\n"u8],
            [.. "# truncated at the end "u8, 0xF0, 0x9F],
            [0xFE, 0xFF, 0, (byte)'#', 0, (byte)' ', 0, (byte)'b', 0, (byte)'e', 0, (byte)'\n', 0, (byte)'k'],
            [0xFF, 0xFE, (byte)'#', 0, (byte)'l', 0, (byte)'e', 0, (byte)'\n', 0, (byte)'k', 0],
            [0xFF, 0xFE, 0, 0, (byte)'#', 0, 0, 0, (byte)'\n', 0, 0, 0],
            [0x00, 0x00, 0xFE, 0xFF, 0, 0, 0, (byte)'#', 0, 0, 0, (byte)'\n'],
            "kind: A\n# not leading\n"u8.ToArray(),
        ];

        Assert.Multiple(() =>
        {
            foreach (var bytes in contents)
            {
                Assert.That(Layout.LeadingComments(bytes), Is.EqualTo(Layout.LeadingComments(InputFile.Decode(bytes))), Convert.ToHexString(bytes));
            }
        });
    }
}
