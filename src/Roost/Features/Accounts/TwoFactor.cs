using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;
using Roost.Platform.Secrets;

namespace Roost.Features.Accounts;

/// <summary>What an authenticator app needs: the secret (base32) and the same as an <c>otpauth://</c> link for a QR code.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpauthUri);

/// <summary>Shown once: each code signs in once in place of the app's, for a lost phone.</summary>
public sealed record TwoFactorRecoveryCodes(IReadOnlyList<string> RecoveryCodes);

public sealed record TwoFactorCodeRequest([Required, MinLength(6), MaxLength(20)] string Code);

public sealed record TwoFactorOffRequest([Required, MaxLength(PasswordPolicy.MaxLength)] string Password);

/// <summary>
/// Two-step sign-in: once on, a login needs the password and a code from the app (or a recovery code). Turning it on
/// takes a code from the app, so nobody locks themselves out with a secret their app never took; turning it off takes
/// the password, checked as any re-entry of it is (a wrong one counts toward the login lock).
/// </summary>
public sealed class TwoFactorAuth(RoostDb db, SignIn signIn, SealedSecrets secrets, TimeProvider time)
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
        user.BeginTwoFactor(secrets.Seal(user.Id, secret), time.GetUtcNow());
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
        if (Totp.StepOf(secrets.Open(user.Id, user.TwoFactorSecret), code.Trim(), now) is not { } step)
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
public sealed class TwoFactorCodes(RoostDb db, SealedSecrets secrets, TimeProvider time)
{
    /// <summary>At sign-in, after the password: whether <paramref name="code"/> (the app's, or a recovery code) lets this user in, spending it.</summary>
    public async Task<bool> AcceptAsync(User user, string code, CancellationToken cancellationToken)
    {
        var typed = code.Trim();
        var secret = secrets.Open(user.Id, user.TwoFactorSecret!);
        if (Totp.StepOf(secret, typed, time.GetUtcNow()) is { } step)
        {
            // A secret not sealed with the current key (from before sealing began, or under a rotated-out key) is
            // sealed now, in the same write that spends the step.
            var stored = secrets.IsCurrent(user.TwoFactorSecret!) ? user.TwoFactorSecret! : secrets.Seal(user.Id, secret);
            return await db.Users.Where(u => u.Id == user.Id && (u.TwoFactorLastStep == null || u.TwoFactorLastStep < step))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.TwoFactorLastStep, step).SetProperty(u => u.TwoFactorSecret, stored), cancellationToken) == 1;
        }

        var hash = HashRecoveryCode(typed);
        return await db.Database.ExecuteSqlAsync(
            $"UPDATE users SET two_factor_recovery_hashes = array_remove(two_factor_recovery_hashes, {hash}) WHERE id = {user.Id} AND {hash} = ANY(two_factor_recovery_hashes)",
            cancellationToken) == 1;
    }

    public static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())));
}
