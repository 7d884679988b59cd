using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>Every kind of missing or invalid token gets 401, a Bearer challenge and a problem that leaks nothing of the token.</summary>
[Collection(AuthHubCollection.Name)]
public sealed class AuthenticationTests(AuthHubFixture hub)
{
    private const string Publisher = "edu-sector-db";
    private static readonly string PublishEdu = HubRoles.Publish(AuthHubFixture.EduFeed);

    [Fact]
    public async Task A_request_without_a_token_gets_401_with_a_bare_bearer_challenge()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, null, AuthHubFixture.EduSource);

        var problem = await AssertRefusedAsync(response, null);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Contains("Authorization: Bearer", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_authorization_scheme_is_treated_as_no_token()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/feeds");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic ZWR1OnNlY3JldA==");

        var response = await hub.Client.SendAsync(request);

        await AssertRefusedAsync(response, null);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task A_malformed_token_gets_401()
    {
        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, "not-a-jwt", AuthHubFixture.EduSource), "not-a-jwt", "malformed");
    }

    [Fact]
    public async Task An_expired_token_gets_401_even_just_past_the_clock_skew()
    {
        var claims = hub.Claims(Publisher, PublishEdu);
        var now = DateTimeOffset.UtcNow;
        claims["iat"] = (now - TimeSpan.FromHours(1)).ToUnixTimeSeconds();
        claims["nbf"] = (now - TimeSpan.FromHours(1)).ToUnixTimeSeconds();
        claims["exp"] = (now - TimeSpan.FromMinutes(2)).ToUnixTimeSeconds();
        var token = hub.Sign(claims);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "expired");
    }

    [Fact]
    public async Task A_token_not_valid_yet_gets_401()
    {
        var claims = hub.Claims(Publisher, PublishEdu);
        claims["nbf"] = (DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds();
        var token = hub.Sign(claims);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "not valid yet");
    }

    [Fact]
    public async Task A_token_for_another_audience_gets_401()
    {
        var claims = hub.Claims(Publisher, PublishEdu);
        claims["aud"] = "api://another-provincial-system";
        var token = hub.Sign(claims);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "another audience");
    }

    [Fact]
    public async Task A_token_from_another_issuer_gets_401()
    {
        var claims = hub.Claims(Publisher, PublishEdu);
        claims["iss"] = $"https://login.microsoftonline.com/{HubSettings.TenantId}/v2.0";
        var token = hub.Sign(claims);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "issuer");
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_trusted_key_id_gets_401()
    {
        using var other = RSA.Create(2048);
        var token = DevelopmentTokenIssuer.Sign(hub.Claims(Publisher, PublishEdu), other, hub.Key.KeyId);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "signature");
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_gets_401()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-auth-other-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var other = DevelopmentIssuerKey.LoadSigningKey(folder);
            var token = new DevelopmentTokenIssuer(other).Sign(hub.Claims(Publisher, PublishEdu));

            await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "signature");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_token_whose_roles_were_edited_after_signing_gets_401()
    {
        var genuine = hub.Token("ioc-reader", HubRoles.SnapshotsRead).Split('.');
        var escalated = hub.Claims("ioc-reader", HubRoles.SnapshotsRead, PublishEdu);
        var token = $"{genuine[0]}.{DevelopmentTokenIssuer.Segment(escalated)}.{genuine[2]}";

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "signature");
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_gets_401()
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        var token = $"{DevelopmentTokenIssuer.Segment(header)}.{DevelopmentTokenIssuer.Segment(hub.Claims(Publisher, PublishEdu))}.";

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token);
    }

    [Fact]
    public async Task A_token_from_another_tenant_gets_401()
    {
        const string otherTenant = "0e7a0000-0000-4000-8000-0000000000ff";
        var claims = hub.Claims(Publisher, PublishEdu);
        claims["iss"] = DevelopmentTokenIssuer.IssuerFor(HubSettings.Instance, otherTenant);
        claims["tid"] = otherTenant;
        var token = hub.Sign(claims);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "issuer");
    }

    [Fact]
    public async Task A_token_naming_another_tenant_under_the_trusted_issuer_gets_401()
    {
        var claims = hub.Claims(Publisher, PublishEdu);
        claims["tid"] = "0e7a0000-0000-4000-8000-0000000000ff";
        var token = hub.Sign(claims);

        await AssertRefusedAsync(await hub.PublishAsync(AuthHubFixture.EduFeed, token, AuthHubFixture.EduSource), token, "another tenant");
    }

    [Fact]
    public async Task A_token_without_any_app_role_gets_401()
    {
        var token = hub.Token(Publisher);

        await AssertRefusedAsync(await hub.GetAsync("/api/feeds", token), token, "no app role");
    }

    [Fact]
    public void The_hub_created_its_missing_development_key_folder_when_it_started()
    {
        Assert.False(hub.KeyFolderExistedBeforeStart);
        Assert.True(File.Exists(Path.Combine(hub.KeyFolder, DevelopmentIssuerKey.JwksFile)));
        Assert.Equal(hub.Key.KeyId, Assert.Single(DevelopmentIssuerKey.LoadPublicKeys(hub.KeyFolder)).KeyId);
    }

    [Fact]
    public async Task The_same_token_with_its_role_is_accepted()
    {
        var response = await hub.GetAsync("/api/feeds", hub.Token(Publisher, PublishEdu));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>401, a Bearer challenge, and a problem naming the reason without quoting the token or any of its claim values.</summary>
    private static async Task<JsonObject> AssertRefusedAsync(HttpResponseMessage response, string? token, string? reason = null)
    {
        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        var detail = (string)problem["detail"]!;
        if (reason is not null)
        {
            Assert.Contains(reason, detail, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        }

        if (token is not null)
        {
            var body = problem.ToJsonString() + challenge;
            foreach (var secret in TokenParts(token))
            {
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            }
        }

        return problem;
    }

    /// <summary>The token, its segments and every long claim value (client id, tenant, issuer, audience, object id).</summary>
    private static IEnumerable<string> TokenParts(string token)
    {
        yield return token;
        var segments = token.Split('.');
        foreach (var segment in segments.Where(s => s.Length >= 8))
        {
            yield return segment;
        }

        if (segments.Length < 2)
        {
            yield break;
        }

        var claims = Decode(segments[1]);
        foreach (var (_, value) in claims ?? [])
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length >= 8)
            {
                yield return text;
            }
        }
    }

    private static JsonObject? Decode(string segment)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment))) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
