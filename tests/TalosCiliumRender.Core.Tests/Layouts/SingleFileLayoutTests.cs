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
}
