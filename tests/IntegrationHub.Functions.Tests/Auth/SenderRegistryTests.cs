using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>A registry the hub cannot trust stops the start, with the file and the entry named.</summary>
public sealed class SenderRegistryTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"senders-{Guid.NewGuid():N}.json");

    [Fact]
    public void Client_ids_are_matched_case_insensitively()
    {
        var registry = Load("""{"applications":[{"name":"a","clientId":"0A990000-0000-4000-8000-0000000000AA","department":"D","sources":["urn:x"]}]}""");

        Assert.Equal("a", registry.FindByClientId("0a990000-0000-4000-8000-0000000000aa")?.Name);
    }

    [Fact]
    public void A_client_id_registered_twice_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""
            {"applications":[
              {"name":"a","clientId":"0a990000-0000-4000-8000-0000000000aa","department":"D","sources":["urn:x"]},
              {"name":"b","clientId":"0A990000-0000-4000-8000-0000000000AA","department":"D","sources":["urn:y"]}]}
            """));

        Assert.Contains("registered more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_registered_for_two_applications_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""
            {"applications":[
              {"name":"a","clientId":"0a990000-0000-4000-8000-0000000000aa","department":"D","sources":["urn:x"]},
              {"name":"b","clientId":"0a990000-0000-4000-8000-0000000000bb","department":"D","sources":["urn:y","urn:x"]}]}
            """));

        Assert.Contains("source 'urn:x' is registered for more than one application (a, b)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_source_twice_in_one_application_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""
            {"applications":[{"name":"a","clientId":"0a990000-0000-4000-8000-0000000000aa","department":"D","sources":["urn:x","urn:x"]}]}
            """));

        Assert.Contains("source 'urn:x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_id_that_is_not_a_guid_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""{"applications":[{"name":"a","clientId":"edu","department":"D","sources":[]}]}"""));

        Assert.Contains("not a GUID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_without_a_name_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""{"applications":[{"clientId":"0a990000-0000-4000-8000-0000000000aa","department":"D","sources":[]}]}"""));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        var error = Assert.Throws<InvalidDataException>(() => SenderRegistry.Load(_file));

        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_file_is_refused_with_its_path()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""{"applications": [ """));

        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);

    private SenderRegistry Load(string json)
    {
        File.WriteAllText(_file, json);
        return SenderRegistry.Load(_file);
    }
}
