using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Roost.Platform.Secrets;

namespace Roost.Tests.Rules;

/// <summary>Rotating the key that seals secrets at rest: old seals keep opening until they are sealed again.</summary>
public sealed class SealingKeyRotationTests
{
    private const string Secret = "JBSWY3DPEHPK3PXP";
    private static readonly Guid User = Guid.NewGuid();
    private static readonly string Old = NewKey();
    private static readonly string New = NewKey();

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SealedSecrets With(string current, params string[] previous) =>
        new(Options.Create(new SealingOptions { EncryptionKey = current, PreviousKeys = [.. previous] }));

    [Fact]
    public void A_secret_sealed_under_the_old_key_opens_after_rotation_and_is_sealed_anew_under_the_new_key_s_id()
    {
        var sealedOld = With(Old).Seal(User, Secret);
        var rotated = With(New, Old);

        rotated.Open(User, sealedOld).ShouldBe(Secret);
        rotated.IsCurrent(sealedOld).ShouldBeFalse();
        var sealedNew = rotated.Seal(User, Secret);
        sealedNew.ShouldStartWith($"v2:{SealedSecrets.KeyId(Convert.FromBase64String(New))}:");
        rotated.IsCurrent(sealedNew).ShouldBeTrue();
        With(New).Open(User, sealedNew).ShouldBe(Secret);
    }

    [Fact]
    public void Dropping_a_key_too_soon_fails_loudly_and_a_seal_from_before_key_ids_is_tried_against_every_key()
    {
        var sealedOld = With(Old).Seal(User, Secret);
        var legacy = "v1:" + sealedOld[(sealedOld.IndexOf(':', 3) + 1)..];

        Should.Throw<CryptographicException>(() => With(New).Open(User, sealedOld)).Message.ShouldContain("PreviousKeys");
        With(New, Old).Open(User, legacy).ShouldBe(Secret);
        Should.Throw<CryptographicException>(() => With(New).Open(User, legacy));
        With(New).Open(User, Secret).ShouldBe(Secret);
    }

    [Fact]
    public void A_seal_opens_only_for_its_purpose_and_the_authenticator_seals_made_before_purposes_still_open()
    {
        var box = With(New);
        var forWebhook = box.Seal(User, Secret, "webhook");

        box.Open(User, forWebhook, "webhook").ShouldBe(Secret);
        Should.Throw<AuthenticationTagMismatchException>(() => box.Open(User, forWebhook));
        Should.Throw<AuthenticationTagMismatchException>(() => box.Open(User, forWebhook, "two-factor"));
        box.Open(User, box.Seal(User, Secret)).ShouldBe(Secret);
    }

    [Fact]
    public void A_deployment_that_still_names_the_key_under_TwoFactor_keeps_it_and_Sealing_wins_when_both_are_there()
    {
        static string PrefixWith(Dictionary<string, string?> settings)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddSealing();
            using var host = builder.Build();
            return host.Services.GetRequiredService<SealedSecrets>().CurrentPrefix;
        }

        PrefixWith(new() { ["TwoFactor:EncryptionKey"] = Old }).ShouldBe($"v2:{SealedSecrets.KeyId(Convert.FromBase64String(Old))}:");
        PrefixWith(new() { ["TwoFactor:EncryptionKey"] = Old, ["Sealing:EncryptionKey"] = New }).ShouldBe($"v2:{SealedSecrets.KeyId(Convert.FromBase64String(New))}:");
    }
}
