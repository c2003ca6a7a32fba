using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary>
/// System.CommandLine's parse errors in the user's terms: a value that is not a number says which numbers the
/// option takes, and no .NET type name (<c>System.Int32</c>, <c>System.Nullable`1[System.Int32]</c>) is shown.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>What each whole-number option takes, from the limits the core enforces.</summary>
    private static readonly Dictionary<string, string> NumberRanges = new(StringComparer.Ordinal)
    {
        ["--timeout"] = $"a whole number of seconds from 1 to {RequestValidator.MaxTimeoutSeconds}",
        ["--renew-before"] = $"a whole number of days from 0 to {RequestValidator.MaxRenewBeforeDays}",
        ["--kubeprism-port"] = "a port number from 1 to 65535",
    };

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
            && !int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return $"Invalid value '{token.Value}' for {option}: use {NumberRanges.GetValueOrDefault(option, "a whole number")}.";
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
