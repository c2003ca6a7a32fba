using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary>
/// System.CommandLine's parse errors in the user's terms: a value that is not a number says which numbers the
/// option takes (the words the MSBuild task uses too), and no .NET type name (<c>System.Int32</c>, <c>System.Nullable`1[System.Int32]</c>) is shown.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>One sentence for one parse error.</summary>
    public static string Describe(ParseError error)
    {
        var (option, valueType, tokens) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType, o.Tokens),
            ArgumentResult { Parent: OptionResult o } a => (o.Option.Name, a.Argument.ValueType, a.Tokens),
            _ => (null, typeof(string), []),
        };
        if (option is not null && IsNumber(valueType) && tokens is [var token]
            && !RequestOptions.TryParseWholeNumber(token.Value, out _))
        {
            var takes = RequestOptions.WholeNumbers.FirstOrDefault(o => o.Flag == option)?.Takes ?? "a whole number";
            return $"Invalid value '{token.Value}' for {option}: use {takes}.";
        }

        // Anything else keeps System.CommandLine's sentence, minus the .NET type it names.
        var message = ExpectedType().Replace(error.Message, string.Empty);
        message = TypeName().Replace(message, "a value");
        return message.EndsWith('.') ? message : message + ".";
    }

    private static bool IsNumber(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var underlying
        && (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(double));

    [GeneratedRegex(@" as expected type '[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"'?System\.[A-Za-z0-9_.`\[\],]+'?", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
