using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// Rewrites an ECMA-262 pattern (the dialect JSON Schema specifies) into an equivalent .NET pattern:
/// <c>\d</c>, <c>\w</c>, <c>\s</c>, <c>\b</c> keep their ECMA (ASCII / ECMA whitespace) meaning, <c>$</c> is the very
/// end of the string, <c>.</c> excludes all four line terminators. Syntax with a different meaning in .NET
/// (inline options, <c>\A</c>, <c>\Z</c>, legacy octal escapes, ...) is rejected rather than silently reinterpreted.
/// </summary>
internal static class EcmaPatternTranslator
{
    private const string Word = "a-zA-Z0-9_";
    private const string NotWord = @"\u0000-\u002F\u003A-\u0040\u005B-\u005E\u0060\u007B-\uFFFF";
    private const string Digit = "0-9";
    private const string NotDigit = @"\u0000-\u002F\u003A-\uFFFF";

    // ECMA-262 WhiteSpace and LineTerminator code points, and their complement.
    private const string Space = @"\u0009-\u000D\u0020\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private const string NotSpace = @"\u0000-\u0008\u000E-\u001F\u0021-\u009F\u00A1-\u167F\u1681-\u1FFF\u200B-\u2027\u202A-\u202E\u2030-\u205E\u2060-\u2FFF\u3001-\uFEFE\uFF00-\uFFFF";

    private const string WordBoundary = "(?:(?<=[" + Word + "])(?![" + Word + "])|(?<![" + Word + "])(?=[" + Word + "]))";
    private const string NotWordBoundary = "(?:(?<=[" + Word + "])(?=[" + Word + "])|(?<![" + Word + "])(?![" + Word + "]))";

    /// <exception cref="FormatException">The pattern is not valid ECMA-262 or uses unsupported syntax.</exception>
    public static string Translate(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var hasNamedGroups = false;
        var hasNumberedBackreferences = false;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = TranslateEscape(pattern, i, output, ref hasNumberedBackreferences);
                    break;
                case '[':
                    i = TranslateClass(pattern, i, output);
                    break;
                case '.':
                    output.Append(@"[^\n\r\u2028\u2029]");
                    i++;
                    break;
                case '$':
                    output.Append(@"\z");
                    i++;
                    break;
                case '(':
                    i = TranslateGroupOpening(pattern, i, output, ref hasNamedGroups);
                    break;
                default:
                    output.Append(c);
                    i++;
                    break;
            }
        }

        if (hasNamedGroups && hasNumberedBackreferences)
        {
            // .NET numbers named groups after unnamed ones; ECMA numbers all groups left to right.
            throw new FormatException("numbered backreferences cannot be mixed with named groups");
        }

        return output.ToString();
    }

    private static int TranslateGroupOpening(string pattern, int i, StringBuilder output, ref bool hasNamedGroups)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            output.Append('(');
            return i + 1;
        }

        var next = i + 2 < pattern.Length ? pattern[i + 2] : '\0';
        if (next is ':' or '=' or '!')
        {
            output.Append(pattern, i, 3);
            return i + 3;
        }

        if (next == '<')
        {
            var after = i + 3 < pattern.Length ? pattern[i + 3] : '\0';
            if (after is '=' or '!')
            {
                output.Append(pattern, i, 4);
                return i + 4;
            }

            var close = pattern.IndexOf('>', i + 3);
            if (close < 0)
            {
                throw new FormatException("unterminated group name");
            }

            var name = pattern.Substring(i + 3, close - i - 3);
            if (!IsGroupName(name))
            {
                throw new FormatException($"unsupported group name '{name}'");
            }

            hasNamedGroups = true;
            output.Append("(?<").Append(name).Append('>');
            return close + 1;
        }

        throw new FormatException($"unsupported group syntax '(?{next}' (ECMA-262 has no inline options or comments)");
    }

    private static int TranslateEscape(string pattern, int i, StringBuilder output, ref bool hasNumberedBackreferences)
    {
        if (i + 1 >= pattern.Length)
        {
            throw new FormatException("the pattern ends with a backslash");
        }

        var e = pattern[i + 1];
        switch (e)
        {
            case 'd': output.Append('[').Append(Digit).Append(']'); return i + 2;
            case 'D': output.Append("[^").Append(Digit).Append(']'); return i + 2;
            case 'w': output.Append('[').Append(Word).Append(']'); return i + 2;
            case 'W': output.Append("[^").Append(Word).Append(']'); return i + 2;
            case 's': output.Append('[').Append(Space).Append(']'); return i + 2;
            case 'S': output.Append("[^").Append(Space).Append(']'); return i + 2;
            case 'b': output.Append(WordBoundary); return i + 2;
            case 'B': output.Append(NotWordBoundary); return i + 2;
            case 'k':
            {
                var close = i + 2 < pattern.Length && pattern[i + 2] == '<' ? pattern.IndexOf('>', i + 3) : -1;
                if (close < 0 || !IsGroupName(pattern.Substring(i + 3, close - i - 3)))
                {
                    throw new FormatException(@"'\k' must name a group, as in \k<name>");
                }

                output.Append(pattern, i, close - i + 1);
                return close + 1;
            }

            case >= '1' and <= '9':
            {
                var end = i + 1;
                while (end < pattern.Length && char.IsAsciiDigit(pattern[end]))
                {
                    end++;
                }

                hasNumberedBackreferences = true;
                output.Append(@"\k<").Append(pattern, i + 1, end - i - 1).Append('>');
                return end;
            }

            default:
                return TranslateCommonEscape(pattern, i, output, inClass: false);
        }
    }

    /// <summary>Escapes with the same meaning inside and outside a character class.</summary>
    private static int TranslateCommonEscape(string pattern, int i, StringBuilder output, bool inClass)
    {
        var e = pattern[i + 1];
        switch (e)
        {
            case 't' or 'n' or 'r' or 'v' or 'f':
                output.Append('\\').Append(e);
                return i + 2;
            case '0':
                if (i + 2 < pattern.Length && char.IsAsciiDigit(pattern[i + 2]))
                {
                    throw new FormatException("legacy octal escapes are not supported");
                }

                output.Append(@"\u0000");
                return i + 2;
            case 'x':
                if (i + 3 < pattern.Length && char.IsAsciiHexDigit(pattern[i + 2]) && char.IsAsciiHexDigit(pattern[i + 3]))
                {
                    output.Append(pattern, i, 4);
                    return i + 4;
                }

                throw new FormatException(@"'\x' must be followed by two hex digits");
            case 'u':
                return TranslateUnicodeEscape(pattern, i, output, inClass);
            case 'c':
                if (i + 2 < pattern.Length && char.IsAsciiLetter(pattern[i + 2]))
                {
                    output.Append(pattern, i, 3);
                    return i + 3;
                }

                throw new FormatException(@"'\c' must be followed by a letter");
            case 'p' or 'P':
            {
                var close = i + 2 < pattern.Length && pattern[i + 2] == '{' ? pattern.IndexOf('}', i + 3) : -1;
                if (close < 0)
                {
                    throw new FormatException($"'\\{e}' must be followed by a property name in braces");
                }

                output.Append(pattern, i, close - i + 1);
                return close + 1;
            }

            default:
                if (char.IsAsciiLetterOrDigit(e))
                {
                    throw new FormatException($"unsupported escape '\\{e}'");
                }

                // An identity escape of a punctuation character: emit the character as a code unit escape.
                AppendCodeUnit(output, e);
                return i + 2;
        }
    }

    private static int TranslateUnicodeEscape(string pattern, int i, StringBuilder output, bool inClass)
    {
        if (i + 2 < pattern.Length && pattern[i + 2] == '{')
        {
            var close = pattern.IndexOf('}', i + 3);
            if (close < 0 || close == i + 3 || close - i - 3 > 6
                || !int.TryParse(pattern.AsSpan(i + 3, close - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
                || codePoint > 0x10FFFF)
            {
                throw new FormatException(@"'\u{...}' must hold a code point");
            }

            if (codePoint > 0xFFFF)
            {
                if (inClass)
                {
                    throw new FormatException("code points above U+FFFF are not supported in character classes");
                }

                var text = char.ConvertFromUtf32(codePoint);
                output.Append("(?:");
                AppendCodeUnit(output, text[0]);
                AppendCodeUnit(output, text[1]);
                output.Append(')');
            }
            else
            {
                AppendCodeUnit(output, (char)codePoint);
            }

            return close + 1;
        }

        if (IsHex4(pattern, i + 2))
        {
            output.Append(pattern, i, 6);
            return i + 6;
        }

        throw new FormatException(@"'\u' must be followed by four hex digits");
    }

    private static int TranslateClass(string pattern, int i, StringBuilder output)
    {
        i++;
        var negate = i < pattern.Length && pattern[i] == '^';
        if (negate)
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            // ECMA: [] matches nothing and [^] matches any code unit; in .NET a leading ] is a literal.
            output.Append(negate ? @"[\s\S]" : "(?!)");
            return i + 1;
        }

        output.Append(negate ? "[^" : "[");
        var previousWasSet = false;
        while (i < pattern.Length && pattern[i] != ']')
        {
            var c = pattern[i];
            var isSet = false;
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new FormatException("the pattern ends with a backslash");
                }

                var e = pattern[i + 1];
                switch (e)
                {
                    case 'd': output.Append(Digit); isSet = true; i += 2; break;
                    case 'D': output.Append(NotDigit); isSet = true; i += 2; break;
                    case 'w': output.Append(Word); isSet = true; i += 2; break;
                    case 'W': output.Append(NotWord); isSet = true; i += 2; break;
                    case 's': output.Append(Space); isSet = true; i += 2; break;
                    case 'S': output.Append(NotSpace); isSet = true; i += 2; break;
                    case 'b': output.Append(@"\u0008"); i += 2; break;
                    case '-': output.Append(@"\-"); i += 2; break;
                    case 'p' or 'P': i = TranslateCommonEscape(pattern, i, output, inClass: true); isSet = true; break;
                    default: i = TranslateCommonEscape(pattern, i, output, inClass: true); break;
                }
            }
            else if (c == '-')
            {
                // Next to a set escape ECMA reads '-' literally; .NET would try to build a range.
                var nextIsSet = i + 2 < pattern.Length && pattern[i + 1] == '\\' && pattern[i + 2] is 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'p' or 'P';
                output.Append(previousWasSet || nextIsSet ? @"\-" : "-");
                i++;
            }
            else if (c is '[' or '^')
            {
                // '[' would start a .NET class subtraction after '-'.
                output.Append('\\').Append(c);
                i++;
            }
            else
            {
                output.Append(c);
                i++;
            }

            previousWasSet = isSet;
        }

        if (i >= pattern.Length)
        {
            throw new FormatException("unterminated character class");
        }

        output.Append(']');
        return i + 1;
    }

    private static void AppendCodeUnit(StringBuilder output, char c) =>
        output.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    private static bool IsHex4(string s, int start)
    {
        if (start + 4 > s.Length)
        {
            return false;
        }

        for (var k = start; k < start + 4; k++)
        {
            if (!char.IsAsciiHexDigit(s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGroupName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
