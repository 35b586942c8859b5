using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

/// <summary>What an authenticator app needs: the secret (base32) and the same as an <c>otpauth://</c> link for a QR code.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpauthUri);

/// <summary>Shown once: each code signs in once in place of the app's, for a lost phone.</summary>
public sealed record TwoFactorRecoveryCodes(IReadOnlyList<string> RecoveryCodes);

public sealed record TwoFactorCodeRequest([Required, MinLength(6), MaxLength(20)] string Code);

public sealed record TwoFactorOffRequest([Required, MaxLength(PasswordPolicy.MaxLength)] string Password);

/// <summary>Time-based one-time passwords (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps make them.</summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string NewSecret() => ToBase32(RandomNumberGenerator.GetBytes(20));

    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / 30;

    public static string CodeAt(string secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(FromBase32(secret), counter);
        var offset = hash[^1] & 0x0F;
        var number = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (number % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step whose code this is: the current one or one either side (a phone's clock drifts), else null.</summary>
    public static long? StepOf(string secret, string code, DateTimeOffset now)
    {
        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    private static string ToBase32(byte[] bytes)
    {
        var text = new StringBuilder();
        for (var bit = 0; bit < bytes.Length * 8; bit += 5)
        {
            var index = 0;
            for (var i = 0; i < 5; i++)
            {
                var at = bit + i;
                index = (index << 1) | (at < bytes.Length * 8 ? (bytes[at / 8] >> (7 - (at % 8))) & 1 : 0);
            }

            text.Append(Base32Alphabet[index]);
        }

        return text.ToString();
    }

    private static byte[] FromBase32(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        for (var i = 0; i < bytes.Length * 8; i++)
        {
            var value = Base32Alphabet.IndexOf(text[i / 5]);
            if (((value >> (4 - (i % 5))) & 1) == 1)
            {
                bytes[i / 8] |= (byte)(1 << (7 - (i % 8)));
            }
        }

        return bytes;
    }
}

/// <summary>
/// Two-step sign-in: once on, a login needs the password and a code from the app (or a recovery code). Turning it on
/// takes a code from the app, so nobody locks themselves out with a secret their app never took; turning it off takes
/// the password, checked as any re-entry of it is (a wrong one counts toward the login lock).
/// </summary>
public sealed class TwoFactorAuth(RoostDb db, SignIn signIn, TimeProvider time)
{
    public const string RequiredCode = "TWO_FACTOR_REQUIRED";
    private const int RecoveryCodeCount = 10;

    public async Task<Outcome<TwoFactorSetup>> BeginAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.TwoFactorEnabledAt is not null)
        {
            return Failure.Conflict("Two-step sign-in is already on; turn it off first to move it to another app.");
        }

        var secret = Totp.NewSecret();
        user.BeginTwoFactor(secret, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var label = Uri.EscapeDataString($"Roost:{user.Email}");
        return new TwoFactorSetup(secret, $"otpauth://totp/{label}?secret={secret}&issuer=Roost&algorithm=SHA1&digits=6&period=30");
    }

    public async Task<Outcome<TwoFactorRecoveryCodes>> ConfirmAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.TwoFactorEnabledAt is not null || user.TwoFactorSecret is null)
        {
            return Failure.Conflict(user.TwoFactorEnabledAt is not null ? "Two-step sign-in is already on." : "Start with POST /me/two-factor to get a secret for your app.");
        }

        var now = time.GetUtcNow();
        if (Totp.StepOf(user.TwoFactorSecret, code.Trim(), now) is not { } step)
        {
            return Failure.Validation("code", "That is not the code your app shows now; check the phone's clock and try the next one.");
        }

        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        user.EnableTwoFactor(step, [.. codes.Select(TwoFactorCodes.HashRecoveryCode)], now);
        Notify.Add(db, user.Id, "two_factor_on", "Two-step sign-in is on", "Signing in now takes a code from your authenticator app. Keep your recovery codes somewhere safe.", null, now);
        await db.SaveChangesAsync(cancellationToken);
        return new TwoFactorRecoveryCodes(codes);
    }

    public async Task<Failure?> TurnOffAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var confirmed = await signIn.ReauthenticateAsync(userId, password, cancellationToken);
        if (confirmed.Failure is { } failure)
        {
            return failure;
        }

        var user = confirmed.Value!;
        if (user.TwoFactorEnabledAt is null)
        {
            return Failure.Conflict("Two-step sign-in is not on.");
        }

        var now = time.GetUtcNow();
        user.DisableTwoFactor(now);
        Notify.Add(db, user.Id, "two_factor_off", "Two-step sign-in is off", "Signing in takes only your password now. If you did not turn it off, change your password at once.", null, now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string NewRecoveryCode()
    {
        var digits = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        return $"{digits[..5]}-{digits[5..]}";
    }
}

/// <summary>
/// The second step of a sign-in: each code works once — a time step or a recovery code is spent in one conditional
/// UPDATE, so two logins racing with the same code cannot both get in.
/// </summary>
public sealed class TwoFactorCodes(RoostDb db, TimeProvider time)
{
    /// <summary>At sign-in, after the password: whether <paramref name="code"/> (the app's, or a recovery code) lets this user in, spending it.</summary>
    public async Task<bool> AcceptAsync(User user, string code, CancellationToken cancellationToken)
    {
        var typed = code.Trim();
        if (Totp.StepOf(user.TwoFactorSecret!, typed, time.GetUtcNow()) is { } step)
        {
            return await db.Users.Where(u => u.Id == user.Id && (u.TwoFactorLastStep == null || u.TwoFactorLastStep < step))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.TwoFactorLastStep, step), cancellationToken) == 1;
        }

        var hash = HashRecoveryCode(typed);
        return await db.Database.ExecuteSqlAsync(
            $"UPDATE users SET two_factor_recovery_hashes = array_remove(two_factor_recovery_hashes, {hash}) WHERE id = {user.Id} AND {hash} = ANY(two_factor_recovery_hashes)",
            cancellationToken) == 1;
    }

    public static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())));
}
