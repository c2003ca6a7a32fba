using System.Reflection;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Core.Tests;

/// <summary>
/// The public contracts (requests, results, options, diagnostics) live in the root namespace and depend on nothing
/// else of the library, so a library user needs that namespace and the one of the entry point they call.
/// </summary>
public sealed class PublicContractTests
{
    private const string RootNamespace = "TalosCiliumRender.Core";

    private static readonly Type[] PublicTypes = typeof(ManifestRenderer).Assembly.GetExportedTypes();

    [Test]
    public void Every_public_result_follows_the_one_result_convention()
    {
        var results = PublicTypes.Where(t => t.Name.EndsWith("Result", StringComparison.Ordinal) && !t.IsInterface).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(t => t.Name).Order(StringComparer.Ordinal),
                Is.EqualTo(new[] { "DiffResult", "KustomizeResult", "LintResult", "RenderResult", "UpgradeReportResult", "ValuesResult" }));
            Assert.That(results.Where(t => !typeof(IOperationResult).IsAssignableFrom(t)).Select(t => t.Name), Is.Empty);
            Assert.That(results.Where(t => t.Namespace != RootNamespace).Select(t => t.Name), Is.Empty);
        });
    }

    [Test]
    public void Entry_points_return_results_of_the_convention()
    {
        var entryPoints = PublicTypes.Where(t => t.Namespace != RootNamespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "RenderAsync" or "ComputeValuesAsync" or "BuildAsync" or "ApplyAsync" or "CompareAsync" or "Lint" or "ReportAsync")
            .ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(entryPoints, Has.Length.EqualTo(7));
            foreach (var method in entryPoints)
            {
                var returned = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? method.ReturnType.GetGenericArguments()[0]
                    : method.ReturnType;
                Assert.That(typeof(IOperationResult).IsAssignableFrom(returned), Is.True, $"{method.DeclaringType!.Name}.{method.Name} returns {returned.Name}");
            }
        });
    }

    [Test]
    public void Root_contracts_expose_no_module_type()
    {
        var leaks = PublicTypes.Where(t => t.Namespace == RootNamespace)
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .SelectMany(SignatureTypes)
                .Where(s => s.Namespace?.StartsWith(RootNamespace + ".", StringComparison.Ordinal) == true)
                .Select(s => $"{t.Name} → {s.FullName}"))
            .Distinct()
            .ToArray();

        Assert.That(leaks, Is.Empty);
    }

    private static IEnumerable<Type> SignatureTypes(MemberInfo member)
    {
        IEnumerable<Type> direct = member switch
        {
            PropertyInfo p => [p.PropertyType],
            FieldInfo f => [f.FieldType],
            MethodBase m => m.GetParameters().Select(p => p.ParameterType).Concat(m is MethodInfo mi ? [mi.ReturnType] : []),
            _ => [],
        };
        return direct.SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Append(type)
        : type.HasElementType ? Flatten(type.GetElementType()!)
        : [type];
}
