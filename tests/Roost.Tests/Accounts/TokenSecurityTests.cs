using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class TokenSecurityTests(RoostApp app)
{
    [Fact]
    public async Task A_token_with_a_tampered_signature_is_refused()
    {
        var user = await app.RegisterGuestAsync();
        var parts = user.AccessToken.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        await (await app.ClientWithToken(tampered).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var user = await app.RegisterGuestAsync();
        var forged = Sign(user, key: new byte[48], expires: DateTime.UtcNow.AddMinutes(10));

        await (await app.ClientWithToken(forged).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var user = await app.RegisterGuestAsync();
        var expired = Sign(user, Convert.FromBase64String(RoostApp.SigningKey), expires: DateTime.UtcNow.AddMinutes(-5));

        // Same key, same claims, only the expiry differs: proves the refusal is about time.
        var fresh = Sign(user, Convert.FromBase64String(RoostApp.SigningKey), expires: DateTime.UtcNow.AddMinutes(5));
        (await app.ClientWithToken(fresh).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.ClientWithToken(expired).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_with_alg_none_is_refused()
    {
        var user = await app.RegisterGuestAsync();
        var payload = user.AccessToken.Split('.')[1];
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));

        await (await app.ClientWithToken($"{header}.{payload}.").GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var user = await app.RegisterGuestAsync();
        var token = Sign(user, Convert.FromBase64String(RoostApp.SigningKey), DateTime.UtcNow.AddMinutes(5), audience: "someone-else");

        await (await app.ClientWithToken(token).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string Sign(TestUser user, byte[] key, DateTime expires, string audience = "roost-api")
    {
        var original = new JsonWebToken(user.AccessToken);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "roost",
            Audience = audience,
            IssuedAt = expires.AddMinutes(-15),
            NotBefore = expires.AddMinutes(-15),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = original.Subject,
                ["sid"] = original.GetClaim("sid").Value,
                ["role"] = new[] { "guest", "admin" },
            },
        });
    }
}
