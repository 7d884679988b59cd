using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace IntegrationHub.DevTools.Cli;

/// <summary>The option kinds the hubdev commands share, each parsed and checked one way (System.CommandLine).</summary>
internal static class Options
{
    public static Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = $"{description} ({Cli.Duration.Examples})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParsePositiveDuration,
    };

    public static Option<TimeSpan?> OptionalDuration(string name, string description) => new(name)
    {
        Description = $"{description} ({Cli.Duration.Examples})",
        CustomParser = result => ParsePositiveDuration(result),
    };

    public static Option<Uri> Hub() => new("--hub")
    {
        Description = "the hub's base address",
        DefaultValueFactory = _ => new Uri("http://127.0.0.1:7071"),
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"{result.Argument.Name} '{text}' is not an http(s) address such as http://127.0.0.1:7071");
            return null!;
        },
    };

    public static Option<int> PositiveInt(string name, int defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            result.AddError($"{OptionName(result)} '{text}' must be a positive whole number");
            return 0;
        },
    };

    public static Option<double> PositiveNumber(string name, double defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
            {
                return value;
            }

            result.AddError($"{OptionName(result)} '{text}' must be a positive number");
            return 0;
        },
    };

    public static Option<string> Text(string name, string defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    };

    private static TimeSpan ParsePositiveDuration(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (Cli.Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} '{text}' is not a positive duration such as {Cli.Duration.Examples}");
        return default;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
