using System.Globalization;
using System.Text;
using System.Text.Json;
using TalosCiliumRender.Core;

namespace TalosCiliumRender.Cli;

/// <summary>The three forms of an upgrade report: text for a terminal, markdown for a pull-request comment, json for tools.</summary>
internal static class UpgradeReportFormatter
{
    /// <summary>The version of the json shape; raised only when a field changes meaning or goes away.</summary>
    public const int JsonFormatVersion = 1;

    private const int MarkdownRowsInline = 10;

    public static string Text(UpgradeReport report)
    {
        var text = new StringBuilder();
        var step = report.Step;
        text.Append(CultureInfo.InvariantCulture, $"Upgrade {Chart(report.From)} → {Chart(report.To)} ({step.Kind}): {(step.Allowed ? "allowed" : "refused")}\n");
        foreach (var guard in step.Guards)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {guard.Code}: {guard.Message}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"upgradeCompatibility: {Compatibility(report.UpgradeCompatibility)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Values {report.To.Name} {report.To.Version} no longer reads: {(report.RemovedValues.Count == 0 ? "none" : report.RemovedValues.Count.ToString(CultureInfo.InvariantCulture))}\n");
        foreach (var value in report.RemovedValues)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {value.Key}, set in {value.Origin}{Where(value.Diagnostic)}{(value.ReadByCommittedChart ? $" (read by {report.From.Version})" : string.Empty)}{(value.Suggestion is null ? string.Empty : $"; did you mean '{value.Suggestion}'?")}\n");
        }

        var defaults = report.Defaults;
        text.Append(CultureInfo.InvariantCulture, $"Chart defaults for keys you do not set: {DefaultsCounts(defaults)}\n");
        if (defaults.ImagesSummary.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  images: {defaults.ImagesSummary}\n");
        }

        foreach (var change in defaults.Changed)
        {
            text.Append(CultureInfo.InvariantCulture, $"  changed {change.Key}: {change.Old} → {change.New}\n");
        }

        foreach (var change in defaults.Added)
        {
            text.Append(CultureInfo.InvariantCulture, $"  added   {change.Key}: {change.New}\n");
        }

        foreach (var change in defaults.Removed)
        {
            text.Append(CultureInfo.InvariantCulture, $"  removed {change.Key} (was {change.Old})\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Resources: {ResourceCounts(report.ResourceChanges)}\n");
        foreach (var difference in report.ResourceChanges)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {difference}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"API versions {report.To.Name} {report.To.Version} no longer serves or deprecates: {(report.ApiVersions.Count == 0 ? "none" : report.ApiVersions.Count.ToString(CultureInfo.InvariantCulture))}\n");
        foreach (var api in report.ApiVersions)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {(api.Removed ? "removed" : "deprecated")} in Cilium {api.Since}: {api.Resource}; use {api.Replacement}\n    {api.Citation}\n");
        }

        text.Append(report.Blocked ? $"Result: blocked ({Blockers(report)})\n" : "Result: nothing blocks this upgrade\n");
        return text.ToString();
    }

    public static string Markdown(UpgradeReport report)
    {
        var md = new StringBuilder();
        var step = report.Step;
        md.Append(CultureInfo.InvariantCulture, $"## Cilium upgrade report: {report.From.Name} {report.From.Version} → {report.To.Version}\n\n");
        md.Append(report.Blocked ? $"**Blocked:** {Blockers(report)}.\n\n" : "**Nothing blocks this upgrade.**\n\n");
        md.Append("| | |\n| --- | --- |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Version step | {report.From.Version} → {report.To.Version} ({step.Kind}), {(step.Allowed ? "allowed" : "**refused**")} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| `upgradeCompatibility` | {Cell(Compatibility(report.UpgradeCompatibility))} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Values no longer read | {report.RemovedValues.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Chart defaults (keys you do not set) | {DefaultsCounts(report.Defaults)} |\n");
        if (report.Defaults.ImagesSummary.Length > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"| Images | {Cell(report.Defaults.ImagesSummary)} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"| Resources | {ResourceCounts(report.ResourceChanges)} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| API versions removed / deprecated | {report.ApiVersions.Count(a => a.Removed)} / {report.ApiVersions.Count(a => !a.Removed)} |\n");

        if (step.Guards.Count > 0)
        {
            md.Append("\n### Version step\n\n");
            foreach (var guard in step.Guards)
            {
                md.Append(CultureInfo.InvariantCulture, $"* **{guard.Code}**: {guard.Message}\n");
            }
        }

        if (report.RemovedValues.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### Values {report.To.Name} {report.To.Version} no longer reads\n\n| Key | Set in | Did you mean |\n| --- | --- | --- |\n");
            foreach (var value in report.RemovedValues)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Code(value.Key)} | {Cell(value.Origin + Where(value.Diagnostic))} | {(value.Suggestion is null ? "—" : Code(value.Suggestion))} |\n");
            }
        }

        var defaults = report.Defaults;
        if (defaults.Changed.Count + defaults.Added.Count + defaults.Removed.Count + defaults.Images.Count > 0)
        {
            md.Append("\n### Chart defaults that change (keys you do not set)\n\n");
            Table(md, "changed", defaults.Changed, "| Key | Old | New |", c => $"| {Code(c.Key)} | {Code(c.Old!)} | {Code(c.New!)} |");
            Table(md, "added", defaults.Added, "| Key | Default |", c => $"| {Code(c.Key)} | {Code(c.New!)} |");
            Table(md, "removed", defaults.Removed, "| Key | Was |", c => $"| {Code(c.Key)} | {Code(c.Old!)} |");
            Table(md, "image fields", defaults.Images, "| Key | Old | New |", c => $"| {Code(c.Key)} | {Code(c.Old!)} | {Code(c.New!)} |", alwaysFolded: true);
        }

        if (report.ResourceChanges.Count > 0)
        {
            md.Append("\n### Resources that change\n\n");
            var lines = report.ResourceChanges.Select(d => d.Paths.Count == 0
                ? $"* {d.Change.ToString().ToLowerInvariant()} {Code(d.Resource.ToString())}"
                : $"* {d.Change.ToString().ToLowerInvariant()} {Code(d.Resource.ToString())}: {string.Join(", ", d.Paths.Select(Code))}").ToArray();
            Folded(md, $"{ResourceCounts(report.ResourceChanges)}", lines, lines.Length > MarkdownRowsInline);
        }

        if (report.ApiVersions.Count > 0)
        {
            md.Append("\n### API versions\n\n| Resource | Status | Use instead |\n| --- | --- | --- |\n");
            foreach (var api in report.ApiVersions)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Code(api.Resource.ToString())} | {(api.Removed ? "**removed**" : "deprecated")} in Cilium {api.Since} | {Cell(api.Replacement)} |\n");
            }

            md.Append("\n<details><summary>Sources</summary>\n\n");
            foreach (var citation in report.ApiVersions.Select(a => a.Citation).Distinct(StringComparer.Ordinal))
            {
                md.Append(CultureInfo.InvariantCulture, $"* {citation}\n");
            }

            md.Append("\n</details>\n");
        }

        md.Append("\n<sub>talos-cilium upgrade-report: values are from the charts' values.yaml; resource changes name field paths, never values.</sub>\n");
        return md.ToString();
    }

    public static string Json(UpgradeReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", JsonFormatVersion);
            json.WriteBoolean("blocked", report.Blocked);
            WriteChart(json, "from", report.From);
            WriteChart(json, "to", report.To);
            json.WriteStartObject("step");
            json.WriteString("kind", report.Step.Kind);
            json.WriteBoolean("allowed", report.Step.Allowed);
            json.WriteStartArray("guards");
            foreach (var guard in report.Step.Guards)
            {
                json.WriteStartObject();
                json.WriteString("code", guard.Code);
                json.WriteString("message", guard.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("upgradeCompatibility");
            json.WriteString("value", report.UpgradeCompatibility.Value);
            json.WriteString("recorded", report.UpgradeCompatibility.Recorded);
            json.WriteString("source", report.UpgradeCompatibility.Source);
            json.WriteEndObject();
            json.WriteStartArray("removedValues");
            foreach (var value in report.RemovedValues)
            {
                json.WriteStartObject();
                json.WriteString("key", value.Key);
                json.WriteString("origin", value.Origin);
                json.WriteString("suggestion", value.Suggestion);
                json.WriteBoolean("readByCommittedChart", value.ReadByCommittedChart);
                json.WriteString("file", value.Diagnostic.File);
                WriteNumber(json, "line", value.Diagnostic.Line);
                WriteNumber(json, "column", value.Diagnostic.Column);
                json.WriteString("code", value.Diagnostic.Code);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("defaults");
            WriteChanges(json, "changed", report.Defaults.Changed);
            WriteChanges(json, "added", report.Defaults.Added);
            WriteChanges(json, "removed", report.Defaults.Removed);
            json.WriteStartObject("images");
            json.WriteString("summary", report.Defaults.ImagesSummary);
            WriteChanges(json, "changes", report.Defaults.Images);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("resources");
            foreach (var difference in report.ResourceChanges)
            {
                json.WriteStartObject();
                json.WriteString("change", difference.Change.ToString().ToLowerInvariant());
                WriteResource(json, difference.Resource);
                json.WriteStartArray("paths");
                foreach (var path in difference.Paths)
                {
                    json.WriteStringValue(path);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("apiVersions");
            foreach (var api in report.ApiVersions)
            {
                json.WriteStartObject();
                WriteResource(json, api.Resource);
                json.WriteString("status", api.Removed ? "removed" : "deprecated");
                json.WriteString("since", api.Since);
                json.WriteString("replacement", api.Replacement);
                json.WriteString("citation", api.Citation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteChart(Utf8JsonWriter json, string name, RenderedChart chart)
    {
        json.WriteStartObject(name);
        json.WriteString("chart", chart.Name);
        json.WriteString("version", chart.Version);
        json.WriteString("digest", chart.Digest);
        json.WriteString("source", chart.Source);
        json.WriteEndObject();
    }

    private static void WriteChanges(Utf8JsonWriter json, string name, IReadOnlyList<DefaultChange> changes)
    {
        json.WriteStartArray(name);
        foreach (var change in changes)
        {
            json.WriteStartObject();
            json.WriteString("key", change.Key);
            json.WriteString("old", change.Old);
            json.WriteString("new", change.New);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteResource(Utf8JsonWriter json, ResourceIdentity resource)
    {
        json.WriteString("apiVersion", resource.ApiVersion);
        json.WriteString("kind", resource.Kind);
        json.WriteString("namespace", resource.Namespace);
        json.WriteString("name", resource.Name);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Table(StringBuilder md, string what, IReadOnlyList<DefaultChange> changes, string header, Func<DefaultChange, string> row, bool alwaysFolded = false)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var lines = new List<string> { header, "| " + string.Join(" | ", header.Count(c => c == '|') is var n ? Enumerable.Repeat("---", n - 1) : []) + " |" };
        lines.AddRange(changes.Select(row));
        Folded(md, string.Create(CultureInfo.InvariantCulture, $"{changes.Count} {what}"), lines, alwaysFolded || changes.Count > MarkdownRowsInline);
    }

    /// <summary>Long lists go into a collapsed <c>&lt;details&gt;</c>, so the comment stays one screen.</summary>
    private static void Folded(StringBuilder md, string summary, IReadOnlyList<string> lines, bool fold)
    {
        md.Append(fold ? $"<details><summary>{summary}</summary>\n\n" : $"**{summary}**\n\n");
        foreach (var line in lines)
        {
            md.Append(line).Append('\n');
        }

        md.Append(fold ? "\n</details>\n\n" : "\n");
    }

    private static string Chart(RenderedChart chart) => $"{chart.Name} {chart.Version}";

    private static string Compatibility(UpgradeCompatibilityUse use) => use.Source switch
    {
        "recorded" => $"{use.Value} (the first Cilium minor recorded in the output's header)",
        "values" => $"{use.Value ?? "null"} (set in your values)",
        _ => use.Recorded is null ? "not set (the chart's own defaults)" : $"not set: the chart's own defaults are those of {use.Recorded}, the minor recorded in the output's header",
    };

    private static string DefaultsCounts(DefaultChanges defaults) =>
        string.Create(CultureInfo.InvariantCulture, $"{defaults.Changed.Count} changed, {defaults.Added.Count} added, {defaults.Removed.Count} removed, {defaults.Images.Count} image fields");

    private static string ResourceCounts(IReadOnlyList<ResourceDifference> differences)
    {
        int Count(ResourceChange change) => differences.Count(d => d.Change == change);
        return differences.Count == 0
            ? "no changes"
            : string.Create(CultureInfo.InvariantCulture, $"{Count(ResourceChange.Added)} added, {Count(ResourceChange.Removed)} removed, {Count(ResourceChange.Changed)} changed");
    }

    private static string Blockers(UpgradeReport report)
    {
        var reasons = new List<string>();
        if (!report.Step.Allowed)
        {
            reasons.Add("the version step is refused (" + string.Join(", ", report.Step.Guards.Select(g => g.Code)) + ")");
        }

        if (report.RemovedValues.Count > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{report.RemovedValues.Count} value(s) the new chart no longer reads"));
        }

        if (report.ApiVersions.Count(a => a.Removed) is > 0 and var removed)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{removed} resource(s) of an API version Cilium {report.To.Version} no longer serves"));
        }

        return string.Join("; ", reasons);
    }

    private static string Where(Diagnostic diagnostic) =>
        diagnostic.File is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({diagnostic.File}{(diagnostic.Line is { } line ? $":{line}" : string.Empty)})");

    private static string Code(string text) => "`" + text.Replace('`', '\'').Replace("|", "\\|", StringComparison.Ordinal) + "`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
