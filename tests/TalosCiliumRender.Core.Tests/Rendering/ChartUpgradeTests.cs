using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Rendering;

/// <summary>The upgrade guards and the upgradeCompatibility rules, from headers alone (the renders are in ChartUpgradeRenderTests).</summary>
public sealed class ChartUpgradeTests
{
    private static ProvenanceHeader Committed(string version, string? first = null, string chart = "cilium") =>
        new("0.1.0", chart, version, "sha256:aa", "sha256:bb", "cilium", "kube-system", "1.35.0", [], first);

    private static IReadOnlyList<Diagnostic> Check(ProvenanceHeader? committed, string version, bool allowMinorSkip = false, bool allowDowngrade = false, string chart = "cilium") =>
        ChartUpgrade.Check(committed, chart, version, "out.yaml", allowMinorSkip, allowDowngrade);

    [TestCase("1.17.18", "1.18.1")]
    [TestCase("1.17.18", "1.17.18")]
    [TestCase("1.17.1", "1.17.18")]
    [TestCase("1.18.1", "1.19.0-rc.1")]
    [TestCase("1.19.0-rc.1", "1.19.0")]
    [TestCase("1.19.6", "1.19.6+build.1")]
    public void One_minor_a_patch_or_the_same_version_may_be_rendered(string committed, string rendered)
    {
        Assert.That(Check(Committed(committed), rendered), Is.Empty);
    }

    [TestCase("1.17.18", "1.19.6", "over Cilium 1.18", "1.17 → 1.18 → 1.19")]
    [TestCase("1.16.3", "1.19.0-rc.1", "over Cilium 1.17 and 1.18", "1.16 → 1.17 → 1.18 → 1.19")]
    [TestCase("1.15.0", "1.19.0", "over Cilium 1.16, 1.17 and 1.18", "1.15 → 1.16 → 1.17 → 1.18 → 1.19")]
    [TestCase("1.19.6", "2.0.0", "to a new major version", "1.19 → (each later 1.x minor) → 2.0")]
    [TestCase("1.18.1", "2.2.0", "to a new major version", "1.18 → (each later 1.x minor) → 2.0 → … → 2.2")]
    public void Skipping_a_minor_is_an_error_that_names_the_path(string committed, string rendered, string skipped, string path)
    {
        var found = Check(Committed(committed), rendered);
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(found[0].Code, Is.EqualTo(DiagnosticCodes.UpgradeSkipsMinor));
            Assert.That(found[0].IsError, Is.True);
            Assert.That(found[0].File, Is.EqualTo("out.yaml"));
            Assert.That(found[0].Message, Does.Contain($"jumps {skipped}.").And.Contain(path).And.Contain("one minor at a time").And.Contain("--allow-minor-skip"));
            Assert.That(Check(Committed(committed), rendered, allowMinorSkip: true), Is.Empty);
        });
    }

    [TestCase("1.18.1", "1.17.18")]
    [TestCase("1.18.1", "1.18.0")]
    [TestCase("1.19.0", "1.19.0-rc.1")]
    [TestCase("1.19.0-rc.2", "1.19.0-rc.1")]
    [TestCase("1.19.6", "1.17.18")]
    public void Going_back_is_an_error_patch_and_pre_release_included(string committed, string rendered)
    {
        var found = Check(Committed(committed), rendered);
        Assert.Multiple(() =>
        {
            Assert.That(found.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.ChartDowngrade }));
            Assert.That(found[0].Message, Does.Contain($"cilium {committed}").And.Contain($"rendering {rendered}").And.Contain("--allow-downgrade"));
            Assert.That(Check(Committed(committed), rendered, allowDowngrade: true), Is.Empty, "a rollback two minors back needs only the one override");
        });
    }

    [Test]
    public void No_header_another_chart_or_a_version_that_is_none_is_no_upgrade()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Check(null, "1.19.6"), Is.Empty);
            Assert.That(Check(Committed("1.16.0", chart: "other"), "1.19.6"), Is.Empty);
            Assert.That(Check(Committed("garbled"), "1.19.6"), Is.Empty);
            Assert.That(Check(Committed("1.16.0", chart: "mine"), "1.19.6", chart: "mine"), Is.Empty, "the minor rule is Cilium's");
            Assert.That(Check(Committed("1.19.0", chart: "mine"), "1.16.0", chart: "mine").Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.ChartDowngrade }), "going back is going back for any chart");
        });
    }

    private static UpgradeCompatibility Plan(ProvenanceHeader? committed, string version, string userValues = "{}", string chart = "cilium")
    {
        var user = YamlReader.ReadSingleMapping(userValues, "values.yaml", "values");
        var merged = YamlReader.ReadSingleMapping(userValues, "values.yaml", "values");
        return ChartUpgrade.Plan(committed, chart, version, [new ValuesLayer("preset 'talos'", null, new YamlMappingNode()), new ValuesLayer("values file 'values.yaml'", "values.yaml", user)], merged, "out.yaml");
    }

    [Test]
    public void A_new_output_records_the_chart_minor_and_sets_nothing()
    {
        var plan = Plan(null, "1.19.6");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Recorded, Is.EqualTo(new ReleaseLine(1, 19)));
            Assert.That(plan.Injected, Is.Null, "a fresh install takes the chart's defaults");
            Assert.That(plan.Diagnostics, Is.Empty);
        });
    }

    [Test]
    public void The_record_is_carried_forward_and_set_while_the_chart_is_later()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Plan(Committed("1.18.1", "1.17"), "1.19.6"), Is.EqualTo(new UpgradeCompatibility(new ReleaseLine(1, 17), new ReleaseLine(1, 17), [])).Using<UpgradeCompatibility>(Same));
            Assert.That(Plan(Committed("1.17.1", "1.17"), "1.17.18").Injected, Is.Null, "the same minor: its own defaults");
            Assert.That(Plan(Committed("1.18.1", "1.18"), "1.17.18"), Is.EqualTo(new UpgradeCompatibility(new ReleaseLine(1, 18), null, [])).Using<UpgradeCompatibility>(Same), "a downgrade keeps the record and sets nothing");
        });
    }

    [Test]
    public void A_value_the_user_sets_wins_and_the_record_stays()
    {
        var plan = Plan(Committed("1.18.1", "1.17"), "1.19.6", "upgradeCompatibility: '1.16'\n");
        var optOut = Plan(Committed("1.18.1", "1.17"), "1.19.6", "upgradeCompatibility: null\n");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Recorded, Is.EqualTo(new ReleaseLine(1, 17)));
            Assert.That(plan.Injected, Is.Null);
            Assert.That(optOut.Recorded, Is.EqualTo(new ReleaseLine(1, 17)));
            Assert.That(optOut.Injected, Is.Null, "null: the chart's own defaults");
        });
    }

    [Test]
    public void A_new_output_records_the_minor_the_user_states()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Plan(null, "1.18.1", "upgradeCompatibility: '1.16'\n").Recorded, Is.EqualTo(new ReleaseLine(1, 16)), "an existing cluster taken over");
            Assert.That(Plan(null, "1.18.1", "upgradeCompatibility: '1.19'\n").Recorded, Is.EqualTo(new ReleaseLine(1, 18)), "not later than the chart");
            Assert.That(Plan(null, "1.18.1", "upgradeCompatibility: soon\n").Recorded, Is.EqualTo(new ReleaseLine(1, 18)));
        });
    }

    [Test]
    public void A_header_from_before_the_record_takes_its_chart_minor_and_warns()
    {
        var plan = Plan(Committed("1.17.18"), "1.18.1");
        var same = Plan(Committed("1.18.1"), "1.18.1");
        var stated = Plan(Committed("1.17.18"), "1.18.1", "upgradeCompatibility: '1.16'\n");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Recorded, Is.EqualTo(new ReleaseLine(1, 17)));
            Assert.That(plan.Injected, Is.EqualTo(new ReleaseLine(1, 17)));
            Assert.That(plan.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.UpgradeCompatibilityAssumed }));
            Assert.That(plan.Diagnostics[0].IsError, Is.False);
            Assert.That(plan.Diagnostics[0].Message, Does.Contain("Cilium 1.17").And.Contain("this render of 1.18.1 sets it").And.Contain("--set upgradeCompatibility=1.X"));
            Assert.That(same.Recorded, Is.EqualTo(new ReleaseLine(1, 18)));
            Assert.That(same.Injected, Is.Null);
            Assert.That(same.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.UpgradeCompatibilityAssumed }));
            Assert.That(same.Diagnostics[0].Message, Does.Not.Contain("this render of"));
            Assert.That(stated.Recorded, Is.EqualTo(new ReleaseLine(1, 16)), "what the user states is recorded instead");
            Assert.That(stated.Diagnostics, Is.Empty);
        });
    }

    [Test]
    public void Another_chart_records_and_sets_nothing()
    {
        Assert.That(Plan(Committed("1.17.0", "1.17", chart: "mine"), "1.19.0", chart: "mine"), Is.EqualTo(new UpgradeCompatibility(null, null, [])).Using<UpgradeCompatibility>(Same));
    }

    [Test]
    public void The_value_is_set_as_a_string()
    {
        var values = new YamlMappingNode();
        ChartUpgrade.Apply(new UpgradeCompatibility(new ReleaseLine(1, 10), new ReleaseLine(1, 10), []), values);
        Assert.That(YamlWriter.WriteNode(values), Is.EqualTo("upgradeCompatibility: \"1.10\"\n"), "a plain 1.10 would be the number 1.1");
    }

    private static bool Same(UpgradeCompatibility a, UpgradeCompatibility b) =>
        a.Recorded == b.Recorded && a.Injected == b.Injected && a.Diagnostics.Select(d => d.Code).SequenceEqual(b.Diagnostics.Select(d => d.Code));
}
