using System.Text;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Tests.Ingest;

public class CloudEventReaderTests
{
    private static readonly CloudEventReader Reader = new(new IngestLimits { MaxBatchEvents = 3 });

    private static (ParsedRequest? Request, RequestProblem? Problem) Read(string? contentType, string body, params (string Name, string Value)[] headers) =>
        Reader.Read(contentType, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Structured_mode_reads_one_event()
    {
        var (request, problem) = Read("application/cloudevents+json; charset=utf-8", """{"id":"1"}""");
        Assert.Null(problem);
        using (request)
        {
            Assert.Single(request!.Events);
        }
    }

    [Fact]
    public void Batched_mode_reads_every_event_in_order()
    {
        var (request, _) = Read("application/cloudevents-batch+json", """[{"id":"a"},{"id":"b"}]""");
        using (request)
        {
            Assert.Equal(["a", "b"], request!.Events.Select(e => e.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public void An_empty_batch_is_a_400()
    {
        var (_, problem) = Read("application/cloudevents-batch+json", "[]");
        Assert.Equal(400, problem!.Status);
    }

    [Fact]
    public void A_batch_over_the_limit_is_a_413()
    {
        var (_, problem) = Read("application/cloudevents-batch+json", "[{},{},{},{}]");
        Assert.Equal(413, problem!.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    [InlineData("application/cloudevents+json; charset=latin1")]
    public void Other_media_types_are_a_415(string? contentType) => Assert.Equal(415, Read(contentType, "{}").Problem!.Status);

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("{\"id\":\"1\",}")]
    [InlineData("{\"id\":\"1\",\"id\":\"2\"}")]
    [InlineData("")]
    public void Malformed_json_is_a_400(string body) => Assert.Equal(400, Read("application/cloudevents+json", body).Problem!.Status);

    [Fact]
    public void Malformed_json_names_the_position()
    {
        var (_, problem) = Read("application/cloudevents+json", "{\n  \"id\": tru }");
        Assert.Contains("line 2", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_a_400()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{}")).ToArray();
        Assert.Equal(400, Reader.Read("application/cloudevents+json", [], body).Problem!.Status);
    }

    [Fact]
    public void Invalid_utf8_is_a_400()
    {
        var body = new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' };
        Assert.Equal(400, Reader.Read("application/cloudevents+json", [], body).Problem!.Status);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_400()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(400, Read("application/cloudevents-batch+json", body).Problem!.Status);
    }

    [Fact]
    public void Binary_mode_rebuilds_the_structured_event_from_percent_encoded_headers()
    {
        var (request, problem) = Read("application/json", """{"x":1}""",
            ("ce-specversion", "1.0"), ("ce-id", "Euro%20%E2%82%AC%20%F0%9F%98%80"), ("ce-source", "urn:a"), ("ce-type", "t.v1"),
            ("ce-time", "2026-11-01T00:00:00Z"), ("Authorization", "Bearer x"));
        Assert.Null(problem);
        using (request)
        {
            var evt = request!.Events[0];
            Assert.Equal("Euro € 😀", evt.GetProperty("id").GetString());
            Assert.Equal(1, evt.GetProperty("data").GetProperty("x").GetInt32());
            Assert.Equal("application/json", evt.GetProperty("datacontenttype").GetString());
            Assert.False(evt.TryGetProperty("authorization", out _));
        }
    }

    [Fact]
    public void Binary_mode_rejects_invalid_utf8_in_headers()
    {
        var (_, problem) = Read("application/json", "{}", ("ce-specversion", "1.0"), ("ce-id", "%C0%A0"));
        Assert.Equal(400, problem!.Status);
    }

    [Fact]
    public void Plain_json_without_cloud_event_headers_is_a_400_that_explains_the_modes()
    {
        var (_, problem) = Read("application/json", "{}");
        Assert.Equal(400, problem!.Status);
        Assert.Contains("ce-specversion", problem.Detail, StringComparison.Ordinal);
    }

    // Found by the request-path fuzz test: binary-mode data within the depth limit became one level too deep once wrapped
    // in the rebuilt envelope, and the second parse threw (a 500) instead of answering 400.
    [Fact]
    public void Binary_mode_data_that_would_nest_too_deep_in_the_envelope_is_a_400_not_an_exception()
    {
        var limit = new IngestLimits().MaxJsonDepth;
        (string, string)[] headers = [("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-type", "t"), ("ce-source", "s"), ("ce-time", "2026-11-18T07:00:00Z")];

        var (request, problem) = Read("application/json", Nested(limit), headers);

        Assert.Null(request);
        Assert.Equal(400, problem!.Status);
        Assert.Equal("malformed-json", problem.Slug);
        Assert.Contains("nesting", problem.Detail, StringComparison.Ordinal);

        var (fits, none) = Read("application/json", Nested(limit - 1), headers);
        Assert.Null(none);
        using (fits)
        {
            Assert.Single(fits!.Events);
        }

        static string Nested(int depth) => "{\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
    }
}
