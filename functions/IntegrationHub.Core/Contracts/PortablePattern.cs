namespace IntegrationHub.Core.Contracts;

/// <summary>
/// The regular-expression subset every mainstream dialect reads alike (ECMA-262, .NET, Java, Python <c>re</c>, PCRE, RE2):
/// anchored <c>^…$</c>; printable ASCII literals; escapes of punctuation only (<c>\.</c>, <c>\-</c>, <c>\+</c> …, never
/// <c>\d</c>, <c>\w</c>, <c>\s</c>, <c>\b</c>, whose meaning differs); character classes of literals and ASCII letter or
/// digit ranges, with <c>-</c> first or last; groups <c>(…)</c> and <c>(?:…)</c>; alternation; the quantifiers <c>?</c>,
/// <c>*</c>, <c>+</c>, <c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c>, greedy. No <c>.</c> (which line terminators it matches
/// differs), no lookaround or back-references (RE2 has none), no lazy or possessive quantifiers, no flags.
/// </summary>
public static class PortablePattern
{
    private const string Metacharacters = "\\^$.|?*+()[]{}";

    /// <summary>Null when <paramref name="pattern"/> is in the subset, else why not.</summary>
    public static string? Check(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$' || (pattern.Length >= 3 && pattern[^2] == '\\' && !EscapedBackslashBefore(pattern, pattern.Length - 2)))
        {
            return "it must be anchored at both ends, ^…$";
        }

        var body = pattern[1..^1];
        var position = 0;
        var error = Alternation(body, ref position, depth: 0);
        if (error is null && position != body.Length)
        {
            error = $"unexpected '{body[position]}' at {position + 1}";
        }

        return error;
    }

    private static bool EscapedBackslashBefore(string text, int index)
    {
        var count = 0;
        for (var i = index; i >= 0 && text[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 0;
    }

    private static string? Alternation(string s, ref int i, int depth)
    {
        while (true)
        {
            var error = Sequence(s, ref i, depth);
            if (error is not null)
            {
                return error;
            }

            if (i < s.Length && s[i] == '|')
            {
                i++;
                continue;
            }

            return null;
        }
    }

    private static string? Sequence(string s, ref int i, int depth)
    {
        while (i < s.Length && s[i] != '|' && s[i] != ')')
        {
            var error = Atom(s, ref i, depth) ?? Quantifier(s, ref i);
            if (error is not null)
            {
                return error;
            }
        }

        return i < s.Length && s[i] == ')' && depth == 0 ? $"unbalanced ')' at {i + 1}" : null;
    }

    private static string? Atom(string s, ref int i, int depth)
    {
        var c = s[i];
        switch (c)
        {
            case '(':
                i++;
                if (i < s.Length && s[i] == '?')
                {
                    if (i + 1 < s.Length && s[i + 1] == ':')
                    {
                        i += 2;
                    }
                    else
                    {
                        return "lookaround, named groups and inline flags are not portable (RE2 has no lookaround)";
                    }
                }

                var error = Alternation(s, ref i, depth + 1);
                if (error is not null)
                {
                    return error;
                }

                if (i >= s.Length || s[i] != ')')
                {
                    return "unbalanced '('";
                }

                i++;
                return null;
            case '[':
                return CharacterClass(s, ref i);
            case '\\':
                return Escape(s, ref i);
            case '.':
                return "'.' matches different line terminators in different dialects; use a character class";
            case '^' or '$':
                return $"'{c}' only at the ends of the pattern";
            case '?' or '*' or '+' or '{' or '}' or ']':
                return $"'{c}' at {i + 1} must be escaped";
            default:
                if (c < 0x20 || c > 0x7e)
                {
                    return $"only printable ASCII literals are portable (found U+{(int)c:X4}); non-ASCII letters differ between UTF-16 and code-point engines";
                }

                i++;
                return null;
        }
    }

    private static string? Escape(string s, ref int i)
    {
        if (i + 1 >= s.Length)
        {
            return "a trailing '\\'";
        }

        var e = s[i + 1];
        if (!Metacharacters.Contains(e, StringComparison.Ordinal) && e is not '-' and not '/')
        {
            return $"'\\{e}' differs between dialects (e.g. \\d is Unicode digits in .NET and Python, ASCII in ECMA-262); write [0-9] or an escaped punctuation character";
        }

        i += 2;
        return null;
    }

    private static string? CharacterClass(string s, ref int i)
    {
        var start = i;
        i++;
        if (i < s.Length && s[i] == '^')
        {
            i++;
        }

        var first = true;
        while (i < s.Length && s[i] != ']')
        {
            var c = s[i];
            if (c == '[' || (c == '&' && i + 1 < s.Length && s[i + 1] == '&'))
            {
                return "'[' and '&&' inside a class mean nested classes or intersection in Java; escape them or leave them out";
            }

            if (c == '\\')
            {
                var error = Escape(s, ref i);
                if (error is not null)
                {
                    return error;
                }

                first = false;
                continue;
            }

            if (c < 0x20 || c > 0x7e)
            {
                return $"only printable ASCII is portable in a class (found U+{(int)c:X4})";
            }

            if (c == '-' && !first && i + 1 < s.Length && s[i + 1] != ']')
            {
                return $"'-' at {i + 1} inside a class must be first, last or part of a letter or digit range";
            }

            if (i + 2 < s.Length && s[i + 1] == '-' && s[i + 2] != ']')
            {
                var end = s[i + 2];
                if (!(char.IsAsciiDigit(c) && char.IsAsciiDigit(end)) && !(char.IsAsciiLetterUpper(c) && char.IsAsciiLetterUpper(end))
                    && !(char.IsAsciiLetterLower(c) && char.IsAsciiLetterLower(end)))
                {
                    return $"range {c}-{end} is not a range of digits, upper-case or lower-case letters";
                }

                if (end < c)
                {
                    return $"range {c}-{end} is reversed";
                }

                i += 3;
                first = false;
                continue;
            }

            i++;
            first = false;
        }

        if (i >= s.Length)
        {
            return $"unclosed class starting at {start + 1}";
        }

        if (first)
        {
            return "an empty class ([] or [^]) means different things in different dialects";
        }

        i++;
        return null;
    }

    private static string? Quantifier(string s, ref int i)
    {
        if (i >= s.Length)
        {
            return null;
        }

        switch (s[i])
        {
            case '?' or '*' or '+':
                i++;
                break;
            case '{':
                var close = s.IndexOf('}', i);
                if (close < 0)
                {
                    return "an unclosed '{'";
                }

                var parts = s[(i + 1)..close].Split(',');
                if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)) || (parts.Length == 2 && parts[1].Length > 0 && int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) < int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)))
                {
                    return $"quantifier {s[i..(close + 1)]} must be {{n}}, {{n,}} or {{n,m}} with n ≤ m";
                }

                i = close + 1;
                break;
            default:
                return null;
        }

        return i < s.Length && s[i] is '?' or '+' or '*' or '{' ? "lazy, possessive or repeated quantifiers are not portable" : null;
    }
}
