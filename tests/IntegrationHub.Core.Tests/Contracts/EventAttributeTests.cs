using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Tests.Support;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Contracts;

/// <summary>
/// Extension attributes become AMQP application properties of the published message: their names, the hub's reserved names,
/// their sizes and their characters are checked when the event is accepted, each refusal at the attribute's pointer.
/// </summary>
public class EventAttributeTests
{
    private const string Feed = "edu.school-status";

    private static readonly string ValidSample = File.ReadAllText(Directory.GetFiles(
        Path.Combine(RepoPaths.Contracts, Feed, "samples", "valid"), "*.json").Order(StringComparer.Ordinal).First());

    private static RecordCheck Validate(Action<JsonObject> change)
    {
        var evt = JsonNode.Parse(ValidSample)!.AsObject();
        change(evt);
        using var document = JsonDocument.Parse(evt.ToJsonString());
        return Support.Contracts.Validator().Validate(Support.Contracts.Catalogue.Find(Feed)!, document.RootElement);
    }

    private static void AssertRejectedAt(RecordCheck check, string pointer)
    {
        Assert.False(check.IsValid);
        Assert.Contains(check.Errors, e => e.Pointer == pointer);
        Assert.All(check.Errors, e => Assert.Equal(pointer, e.Pointer));
    }

    [Theory]
    [InlineData("myext", "a value")]
    [InlineData("abcdefghij0123456789", "a name of exactly 20 characters")]
    [InlineData("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    public void An_extension_attribute_within_the_rules_is_accepted(string name, string value)
    {
        Assert.True(Validate(e => e[name] = value).IsValid);
        Assert.True(Validate(e => e[name] = 42).IsValid);
        Assert.True(Validate(e => e[name] = true).IsValid);
    }

    [Fact]
    public void An_extension_value_of_300_kb_is_rejected_at_its_pointer()
    {
        AssertRejectedAt(Validate(e => e["myext"] = new string('x', 300 * 1024)), "/myext");
    }

    [Fact]
    public void An_extension_value_just_over_the_cap_is_rejected_and_one_at_the_cap_accepted()
    {
        Assert.True(Validate(e => e["myext"] = new string('x', EventAttributes.MaxExtensionValueBytes)).IsValid);
        AssertRejectedAt(Validate(e => e["myext"] = new string('x', EventAttributes.MaxExtensionValueBytes + 1)), "/myext");
        AssertRejectedAt(Validate(e => e["myext"] = new string('é', (EventAttributes.MaxExtensionValueBytes / 2) + 1)), "/myext");
    }

    [Fact]
    public void Attributes_over_the_total_cap_are_rejected_at_the_attribute_that_crosses_it()
    {
        var check = Validate(e =>
        {
            for (var i = 0; i < 10; i++)
            {
                e["ext" + i] = new string('v', 1000);
            }
        });

        AssertRejectedAt(check, "/ext7");
        Assert.Contains(EventAttributes.MaxAttributesBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), check.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SenderApp")]
    [InlineData("RECVTIME")]
    [InlineData("senderapp")]
    [InlineData("sendertenant")]
    [InlineData("contractversion")]
    [InlineData("recvtime")]
    [InlineData("dataref")]
    [InlineData("ContractVersion")]
    [InlineData("ID")]
    [InlineData("Source")]
    [InlineData("TIME")]
    [InlineData("Data")]
    [InlineData("data_base64")]
    public void A_reserved_name_in_any_case_is_refused(string name)
    {
        var check = Validate(e => e[name] = "forged");
        AssertRejectedAt(check, "/" + name);
        Assert.Contains("reserved", check.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MyExt")]
    [InlineData("my-ext")]
    [InlineData("my_ext")]
    [InlineData("abcdefghij0123456789x")]
    [InlineData("exté")]
    [InlineData("")]
    [InlineData("a/b")]
    public void A_name_outside_the_naming_rule_is_refused(string name)
    {
        var check = Validate(e => e[name] = "x");
        AssertRejectedAt(check, "/" + JsonPointer.Escape(name));
        Assert.Contains("naming rule", check.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extension_that_is_an_object_an_array_or_null_is_refused()
    {
        AssertRejectedAt(Validate(e => e["myext"] = new JsonObject { ["a"] = 1 }), "/myext");
        AssertRejectedAt(Validate(e => e["myext"] = new JsonArray(1, 2)), "/myext");
        AssertRejectedAt(Validate(e => e["myext"] = null), "/myext");
    }

    [Theory]
    [InlineData("abc\r\nInjected: yes")]
    [InlineData("abc\n")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public void Control_characters_in_id_or_an_extension_value_are_refused(string value)
    {
        AssertRejectedAt(Validate(e => e["id"] = value), "/id");
        AssertRejectedAt(Validate(e => e["myext"] = value), "/myext");
    }
}
