using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

/// <summary>Login, refresh-token rotation and logout.</summary>
public sealed class SignIn(
    RoostDb db,
    IPasswordHasher<User> hasher,
    SessionStarter sessions,
    SessionRevocation revocation,
    TwoFactorCodes twoFactor,
    TokenIssuer tokens,
    TimeProvider time)
{
    private static readonly Failure BadCredentials = Failure.Unauthenticated("Invalid e-mail or password.");

    public async Task<Outcome<TokenResponse>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var email = EmailAddress.Normalize(request.Email);
        var throttle = await db.LoginThrottles.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedEmail == email, cancellationToken);
        if (throttle?.LockRemaining(now) is { } wait)
        {
            return Failure.TooManyRequests("Too many failed logins for this e-mail address.", wait);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, request.Password);
            await RecordFailureAsync(email, now, cancellationToken);
            return BadCredentials;
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(email, now, cancellationToken);
            return BadCredentials;
        }

        // Only the right password learns of the suspension: a guesser cannot tell it from a wrong one.
        if (user.IsSuspended)
        {
            return Failure.Forbidden("This account is suspended; the e-mail that told you says why. To appeal, contact Roost support.");
        }

        if (user.TwoFactorEnabledAt is not null)
        {
            // The password was right, so asking for the code is no failure; a wrong code is, and counts to the lock.
            if (string.IsNullOrWhiteSpace(request.Code))
            {
                return new Failure(StatusCodes.Status401Unauthorized, TwoFactorAuth.RequiredCode, "Enter the code from your authenticator app, or a recovery code.",
                    "Send the login again with \"code\".");
            }

            if (!await twoFactor.AcceptAsync(user, request.Code, cancellationToken))
            {
                await RecordFailureAsync(email, now, cancellationToken);
                return Failure.Unauthenticated("That code is not right, or was already used.");
            }
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(hasher.HashPassword(user, request.Password), now);
        }

        if (throttle is not null)
        {
            await db.LoginThrottles.Where(t => t.NormalizedEmail == email).ExecuteDeleteAsync(cancellationToken);
        }

        // A sign-in from a browser or app this account has not used before is told to its owner, who can end that
        // session if it was not them. Version numbers are left out, so a browser's update is not a new device.
        var devices = await db.Sessions.Where(s => s.UserId == user.Id).Select(s => s.Device).Distinct().ToListAsync(cancellationToken);
        var knownDevice = devices.Any(device => DeviceFamily(device) == DeviceFamily(client.Device));
        var response = sessions.Start(user, client);
        if (!knownDevice)
        {
            Notify.Add(db, user.Id, NewDeviceNotice, "New sign-in to your Roost account",
                $"You signed in on {client.Device}{(client.IpAddress is { } ip ? $" from {ip}" : "")} at {now:yyyy-MM-dd HH:mm} UTC. " +
                "If it was not you, end that session under your signed-in devices and change your password.",
                new { device = client.Device, ipAddress = client.IpAddress }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    public const string NewDeviceNotice = "new_sign_in";

    private static string DeviceFamily(string device) => Regex.Replace(device, "[0-9]+", "");

    public async Task<Outcome<TokenResponse>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = TokenIssuer.HashRefreshToken(request.RefreshToken);
        var token = await db.RefreshTokens.Include(t => t.Session).SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || !token.Session.IsActive(now) || token.ExpiresAt <= now)
        {
            return Failure.Unauthenticated("The refresh token is not valid.");
        }

        // Claiming the token is one conditional UPDATE, so two requests racing with the same token cannot both win.
        var claimed = token.UsedAt is null && await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;
        if (!claimed)
        {
            // A spent token came back: someone holds a copy. End the whole family, the legitimate holder included.
            await revocation.RevokeAsync(token.Session, "refresh_token_reused", cancellationToken);
            return Failure.Unauthenticated("This refresh token was already used; the session has been ended. Log in again.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.Session.UserId, cancellationToken);
        if (user.IsSuspended)
        {
            // Suspension ends every session; this is a refresh that raced it.
            return Failure.Unauthenticated("The refresh token is not valid.");
        }

        token.Session.Touch(client, now, tokens.RefreshTokenLifetime);
        var (refreshToken, newHash) = TokenIssuer.NewRefreshToken();
        db.RefreshTokens.Add(RefreshToken.For(token.Session, newHash, now));
        await db.SaveChangesAsync(cancellationToken);
        return new TokenResponse(
            UserResponse.From(user),
            tokens.CreateAccessToken(user, token.SessionId),
            refreshToken,
            (int)tokens.AccessTokenLifetime.TotalSeconds);
    }

    public async Task LogoutAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is not null)
        {
            await revocation.RevokeAsync(session, "logout", cancellationToken);
        }
    }

    /// <summary>
    /// A signed-in user proving they know the password before a sensitive change. A wrong one counts as a failed
    /// login, so a stolen access token cannot guess its way on, and a locked address stays locked.
    /// </summary>
    internal async Task<Outcome<User>> ReauthenticateAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        var now = time.GetUtcNow();
        var throttle = await db.LoginThrottles.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedEmail == user.NormalizedEmail, cancellationToken);
        if (throttle?.LockRemaining(now) is { } wait)
        {
            return Failure.TooManyRequests("Too many wrong passwords for this account.", wait);
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(user.NormalizedEmail, now, cancellationToken);
            return Failure.Forbidden("The password is not right.");
        }

        return user;
    }

    private async Task RecordFailureAsync(string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Row lock so that parallel guesses are all counted.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO login_throttles (normalized_email, failures, window_started_at) VALUES ({email}, 0, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        var throttle = await db.LoginThrottles
            .FromSql($"SELECT * FROM login_throttles WHERE normalized_email = {email} FOR UPDATE")
            .SingleAsync(cancellationToken);
        throttle.RecordFailure(now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Verifying against a real hash when the e-mail is unknown keeps both failures equally slow.</summary>
    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<User>().HashPassword(null!, "roost-timing-equaliser");
    }
}
