using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.TestSupport;

/// <summary>
/// Builds hostile requests from the contracts' valid samples: bit flips, truncation, deep nesting, huge numbers, Unicode edge
/// cases, duplicate keys, type confusion, removed and forged attributes, binary-mode headers and content types. Each input
/// is a pure function of (sample, mutation, seed), so a failure found once can be rebuilt from its three numbers.
/// </summary>
public static class InputMutator
{
    public const int Kinds = 14;

    private const string Placeholder = "\u0001fuzz\u0001";

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1" + new string('0', 400), "27." + new string('0', 1100), "2.7e1", "27.0", "-0", "0.0", "1E-400",
        "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "4.9e-325", "0." + new string('0', 5000) + "1",
        "123456789012345678901234567890", "1e+9999999999",
    ];

    // Escaped in the JSON text, so that lone surrogates and control characters reach the parser as a sender would send them.
    private static readonly string[] EdgeStrings =
    [
        "\\ud800", "\\udc00\\ud800", "\\u0000", "a\\r\\nb", "\\t", "\\u007f", "\\u0085", "\\ufeff", "\\uffff", "\\ufffe", "\\u2028", "\\u202e",
        "e\\u0301", "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\\\\", "/", "~1", "%00", "%0D%0A", "\\\"", "", " ", "ＡＢＣ１２３", "٣٤٥", "İ", "ß",
        "2016-12-31T23:59:60Z", "2016-12-31T23:58:60Z", "0000-01-01", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00",
        "2026-02-29", "urn:lgsp:25:000.00.11.H25:csdl-giao-duc", "QD19-2025", "edu.school-status.v1", "x" + new string('y', 3000),
    ];

    private static readonly string[] AttributeNames =
    [
        "myext", "SenderApp", "RECVTIME", "senderapp", "sendertenant", "contractversion", "dataref", "ID", "Time", "data_base64",
        "my-ext", "my_ext", "abcdefghij0123456789", "abcdefghij0123456789x", "exté", "", "a/b", "a~b", "traceparent", "subject",
        "dataschema", "datacontenttype", "admincodes", "specversion",
    ];

    private static readonly string?[] ContentTypes =
    [
        null, "", "application/cloudevents+json", "application/cloudevents-batch+json", "application/json", "text/plain",
        "application/cloudevents+json; charset=utf-16", "application/cloudevents+json; charset=UTF-8", "APPLICATION/CLOUDEVENTS+JSON",
        "application/cloudevents+json;;;", "application/json; charset=\"utf-8\"", "multipart/form-data; boundary=x", ";",
    ];

    public static FuzzInput Mutate(IReadOnlyList<FuzzInput> samples, int sample, int kind, int seed)
    {
        var random = new Random(seed);
        var input = samples[sample];
        return kind switch
        {
            0 => input with { Mutation = "none" },
            1 => FlipBits(input, random),
            2 => Truncate(input, random),
            3 => Tree(input, random, "deep nesting", (root, r) => Replace(root, r, Nested(r))),
            4 => Numbers(input, random),
            5 => Unicode(input, random),
            6 => DuplicateKey(input, random),
            7 => Tree(input, random, "type confusion", (root, r) => Replace(root, r, Confused(r))),
            8 => Tree(input, random, "removal", Remove),
            9 => Tree(input, random, "forged attribute", Forge),
            10 => Headers(input, random),
            11 => input with { ContentType = ContentTypes[random.Next(ContentTypes.Length)], Mutation = "content type" },
            12 => Batch(samples, random),
            _ => Combined(samples, sample, random),
        };
    }

    private static FuzzInput Combined(IReadOnlyList<FuzzInput> samples, int sample, Random random)
    {
        var current = samples[sample];
        var steps = new List<string>();
        for (var i = random.Next(2, 4); i > 0; i--)
        {
            var kind = random.Next(1, 12); // the single-input mutations (not the batch, which draws from every sample)
            current = Mutate([current], 0, kind, random.Next());
            steps.Add(current.Mutation);
        }

        return current with { Mutation = string.Join(" + ", steps) };
    }

    private static FuzzInput FlipBits(FuzzInput input, Random random)
    {
        var body = (byte[])input.Body.Clone();
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips && body.Length > 0; i++)
        {
            body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
        }

        return input with { Body = body, Mutation = $"{flips} bit flips" };
    }

    private static FuzzInput Truncate(FuzzInput input, Random random) =>
        input with { Body = input.Body[..random.Next(input.Body.Length + 1)], Mutation = "truncation" };

    private static FuzzInput Tree(FuzzInput input, Random random, string name, Action<JsonNode, Random> change)
    {
        if (Parse(input.Body) is not { } root)
        {
            return input;
        }

        change(root, random);
        return input with { Body = Encoding.UTF8.GetBytes(root.ToJsonString()), Mutation = name };
    }

    private static FuzzInput Numbers(FuzzInput input, Random random)
    {
        var number = HugeNumbers[random.Next(HugeNumbers.Length)];
        return WithPlaceholder(input, random, number, "huge number " + (number.Length > 24 ? number[..24] + "…" : number));
    }

    private static FuzzInput Unicode(FuzzInput input, Random random)
    {
        var text = "\"" + EdgeStrings[random.Next(EdgeStrings.Length)] + "\"";
        if (random.Next(4) == 0)
        {
            // Raw bytes no JSON escape can produce: an overlong encoding, a lone continuation byte, a UTF-8 encoded surrogate.
            byte[][] raw = [[0xC0, 0xAF], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF]];
            var body = input.Body.ToList();
            var at = random.Next(body.Count + 1);
            body.InsertRange(at, raw[random.Next(raw.Length)]);
            return input with { Body = [.. body], Mutation = "raw invalid UTF-8" };
        }

        return WithPlaceholder(input, random, text, "unicode " + text);
    }

    // Puts a placeholder string where a value was, then swaps in the literal text, so that the result holds JSON that
    // System.Text.Json would never write (huge numbers, lone surrogate escapes).
    private static FuzzInput WithPlaceholder(FuzzInput input, Random random, string literal, string name)
    {
        if (input.ContentType == "application/json" && random.Next(3) == 0 && input.Headers.Count > 0)
        {
            var headers = input.Headers.ToList();
            var i = random.Next(headers.Count);
            headers[i] = new(headers[i].Key, literal.Trim('"'));
            return input with { Headers = headers, Mutation = name + " in a header" };
        }

        if (Parse(input.Body) is not { } root)
        {
            return input;
        }

        Replace(root, random, JsonValue.Create(Placeholder));
        var text = root.ToJsonString().Replace(JsonValue.Create(Placeholder).ToJsonString(), literal, StringComparison.Ordinal);
        return input with { Body = Encoding.UTF8.GetBytes(text), Mutation = name };
    }

    private static FuzzInput DuplicateKey(FuzzInput input, Random random)
    {
        if (Parse(input.Body) is not { } root)
        {
            return input;
        }

        var objects = Nodes(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        if (objects.Count == 0)
        {
            return input with { Mutation = "duplicate key (none possible)" };
        }

        var target = objects[random.Next(objects.Count)];
        var name = target.ElementAt(random.Next(target.Count)).Key;
        target[Placeholder] = random.Next(2) == 0 ? "other" : 1;
        var text = root.ToJsonString().Replace(JsonValue.Create(Placeholder).ToJsonString(), JsonValue.Create(name).ToJsonString(), StringComparison.Ordinal);
        return input with { Body = Encoding.UTF8.GetBytes(text), Mutation = $"duplicate key {name}" };
    }

    private static FuzzInput Headers(FuzzInput input, Random random)
    {
        var headers = input.Headers.ToList();
        var name = "ce-" + AttributeNames[random.Next(AttributeNames.Length)];
        var value = random.Next(3) switch
        {
            0 => "%" + random.Next(256).ToString("X2", CultureInfo.InvariantCulture) + "%zz%",
            1 => new string('v', random.Next(0, 3000)),
            _ => EdgeStrings[random.Next(EdgeStrings.Length)],
        };
        if (headers.Count > 0 && random.Next(3) == 0)
        {
            headers.RemoveAt(random.Next(headers.Count));
        }
        else
        {
            headers.Add(new(name, value));
        }

        return input with { Headers = headers, Mutation = "header " + name };
    }

    private static FuzzInput Batch(IReadOnlyList<FuzzInput> samples, Random random)
    {
        var structured = samples.Where(s => s.ContentType == CloudEventReader.StructuredMediaType).ToList();
        var first = structured[random.Next(structured.Count)];
        var count = random.Next(0, 40);
        var events = Enumerable.Range(0, count).Select(_ =>
            random.Next(4) == 0 ? structured[random.Next(structured.Count)].Body : first.Body);
        var body = "[" + string.Join(",", events.Select(Encoding.UTF8.GetString)) + "]";
        return new FuzzInput(first.Feed, CloudEventReader.BatchMediaType, [], Encoding.UTF8.GetBytes(body), $"batch of {count}");
    }

    private static void Replace(JsonNode root, Random random, JsonNode? replacement)
    {
        var candidates = Nodes(root).Where(n => n.Parent is not null).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var node = candidates[random.Next(candidates.Count)];
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = replacement;
                break;
        }
    }

    private static void Remove(JsonNode root, Random random)
    {
        var candidates = Nodes(root).Where(n => n.Parent is JsonObject).ToList();
        if (candidates.Count > 0)
        {
            var node = candidates[random.Next(candidates.Count)];
            ((JsonObject)node.Parent!).Remove(node.GetPropertyName());
        }
    }

    private static void Forge(JsonNode root, Random random)
    {
        var target = root as JsonObject ?? Nodes(root).OfType<JsonObject>().FirstOrDefault();
        if (target is null)
        {
            return;
        }

        var name = AttributeNames[random.Next(AttributeNames.Length)];
        target[name] = random.Next(5) switch
        {
            0 => new string('x', random.Next(900, 1200)),
            1 => random.Next(),
            2 => new JsonObject { ["a"] = 1 },
            3 => null,
            _ => EdgeStrings[random.Next(EdgeStrings.Length)].Replace("\\r\\n", "\r\n", StringComparison.Ordinal),
        };
    }

    private static JsonNode? Nested(Random random)
    {
        var depth = random.Next(1, 200);
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++)
        {
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    private static JsonNode? Confused(Random random) => random.Next(8) switch
    {
        0 => null,
        1 => true,
        2 => 0,
        3 => "",
        4 => new JsonArray(),
        5 => new JsonObject(),
        6 => -1.5,
        _ => "1",
    };

    // An earlier step of a combined mutation may have left text that is no longer JSON (or holds a duplicate key): such
    // an input is passed on unchanged by the tree mutations.
    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            var root = JsonNode.Parse(body);
            _ = root is null ? 0 : Nodes(root).Count(); // materialises every object, where a duplicate key throws
            _ = root?.ToJsonString(); // and every string, where half a surrogate pair throws
            return root;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode root)
    {
        var stack = new Stack<JsonNode>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            IEnumerable<JsonNode?> children = node switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a,
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
