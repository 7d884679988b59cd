using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>A <c>pattern</c> keyword compiled once with ECMA-262 semantics.</summary>
internal sealed class CompiledPattern
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const int StackChars = 256;

    private readonly Regex _regex;

    private CompiledPattern(string source, Regex regex)
    {
        Source = source;
        _regex = regex;
        MismatchDetail = "must match pattern " + source;
        TimeoutDetail = $"could not be checked against pattern {source} within {MatchTimeout.TotalMilliseconds:0} ms";
    }

    /// <summary>The pattern as written in the schema.</summary>
    public string Source { get; }

    public string MismatchDetail { get; }

    public string TimeoutDetail { get; }

    /// <exception cref="FormatException">The pattern is invalid or unsupported.</exception>
    public static CompiledPattern Create(string source)
    {
        var translated = EcmaPatternTranslator.Translate(source);
        Regex regex;
        try
        {
            // The non-backtracking engine runs in time linear in the input, so hostile strings cannot stall it and
            // it needs no timeout. A wall-clock timeout would only reject valid input when the process is starved
            // of CPU or still compiling the engine on first use.
            regex = new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Lookarounds and backreferences need the backtracking engine; the match timeout bounds it.
            regex = CreateBacktracking(translated);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }

        WarmUp(regex);
        return new CompiledPattern(source, regex);
    }

    /// <summary>Matches UTF-8 text; a timeout is reported through <paramref name="timedOut"/> as a failed match.</summary>
    public bool IsMatch(ReadOnlySpan<byte> utf8, out bool timedOut)
    {
        char[]? rented = null;
        var buffer = utf8.Length <= StackChars
            ? stackalloc char[StackChars]
            : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(utf8, buffer);
            return IsMatch(buffer[..length], out timedOut);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    public bool IsMatch(ReadOnlySpan<char> text, out bool timedOut)
    {
        try
        {
            timedOut = false;
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }

    /// <summary>Runs the engine once so that its first real match does not pay for JIT compilation.</summary>
    private static void WarmUp(Regex regex)
    {
        try
        {
            regex.IsMatch("a0 _-.");
        }
        catch (RegexMatchTimeoutException)
        {
            // Only a starved process times out here; the pattern is still valid.
        }
    }

    private static Regex CreateBacktracking(string translated)
    {
        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
