using System.Security.Cryptography;
using System.Text;
using Roost.Features.Payments;

namespace Roost.Tests.Payments;

public sealed class WebhookSignatureTests
{
    private const string Body = """{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","object":"payment_intent"}}}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly WebhookSignature _signature = new("whsec_test_secret", TimeSpan.FromMinutes(5));

    /// <summary>Built here from the scheme itself, not by the class under test.</summary>
    private static string Header(string secret, string body, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return $"t={t},v1={mac}";
    }

    [Fact]
    public void A_genuine_signature_passes_and_signing_produces_one() =>
        _signature.ShouldSatisfyAllConditions(
            s => s.Problem(Body, Header("whsec_test_secret", Body, Now.AddSeconds(-30)), Now).ShouldBeNull(),
            s => s.Sign(Body, Now).ShouldBe(Header("whsec_test_secret", Body, Now)));

    [Fact]
    public void A_tampered_body_fails() =>
        _signature.Problem(Body.Replace("pi_1", "pi_2"), Header("whsec_test_secret", Body, Now), Now)!.ShouldContain("does not match");

    [Fact]
    public void Another_secret_fails() =>
        _signature.Problem(Body, Header("whsec_someone_else", Body, Now), Now)!.ShouldContain("does not match");

    [Fact]
    public void A_stale_or_future_timestamp_fails_even_when_signed()
    {
        _signature.Problem(Body, Header("whsec_test_secret", Body, Now.AddMinutes(-6)), Now)!.ShouldContain("tolerance");
        _signature.Problem(Body, Header("whsec_test_secret", Body, Now.AddMinutes(6)), Now)!.ShouldContain("tolerance");
        _signature.Problem(Body, Header("whsec_test_secret", Body, Now.AddMinutes(-4)), Now).ShouldBeNull();
    }

    [Fact]
    public void Any_one_of_several_signatures_may_match_while_a_secret_is_rolled()
    {
        var genuine = Header("whsec_test_secret", Body, Now);
        var old = Header("whsec_old", Body, Now);
        _signature.Problem(Body, $"{old},v1={genuine.Split("v1=")[1]}", Now).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=notanumber,v1=abc")]
    [InlineData("t=1764158400")]
    public void A_malformed_header_fails(string? header) => _signature.Problem(Body, header, Now).ShouldNotBeNull();
}
