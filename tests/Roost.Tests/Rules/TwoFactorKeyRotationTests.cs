using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Roost.Features.Accounts;

namespace Roost.Tests.Rules;

/// <summary>Rotating the key that seals two-step secrets: old seals keep opening until they are sealed again.</summary>
public sealed class TwoFactorKeyRotationTests
{
    private const string Secret = "JBSWY3DPEHPK3PXP";
    private static readonly Guid User = Guid.NewGuid();
    private static readonly string Old = NewKey();
    private static readonly string New = NewKey();

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static TwoFactorSecrets With(string current, params string[] previous) =>
        new(Options.Create(new TwoFactorOptions { EncryptionKey = current, PreviousKeys = [.. previous] }));

    [Fact]
    public void A_secret_sealed_under_the_old_key_opens_after_rotation_and_is_sealed_anew_under_the_new_key_s_id()
    {
        var sealedOld = With(Old).Seal(User, Secret);
        var rotated = With(New, Old);

        rotated.Open(User, sealedOld).ShouldBe(Secret);
        rotated.IsCurrent(sealedOld).ShouldBeFalse();
        var sealedNew = rotated.Seal(User, Secret);
        sealedNew.ShouldStartWith($"v2:{TwoFactorSecrets.KeyId(Convert.FromBase64String(New))}:");
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
}
