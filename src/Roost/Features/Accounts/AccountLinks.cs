using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

public sealed class AccountLinkOptions
{
    public const string Section = "Accounts";

    /// <summary>Where a reset e-mail sends the user; <c>{token}</c> is replaced. A fragment never reaches a server's logs.</summary>
    public string PasswordResetLink { get; set; } = "http://127.0.0.1:5080/reset-password#token={token}";

    public string EmailChangeLink { get; set; } = "http://127.0.0.1:5080/confirm-email#token={token}";
}

/// <summary>What a link's token says; whether it is genuine is for <see cref="AccountLinks"/> to check.</summary>
public sealed record AccountLink(Guid UserId, DateTimeOffset ExpiresAt, string Value, byte[] Signed, byte[] Mac);

/// <summary>
/// The links e-mailed to prove a mailbox: reset a password, confirm a new address. Nothing stores them. A token is
/// the user id, an expiry and (for a new address) the address, signed together with the account state it is good
/// for — the password hash, the current address — so it works once and dies when that state moves on. Each purpose
/// has its own key, derived from the JWT signing key, so no token passes for another kind.
/// </summary>
public sealed class AccountLinks(IOptions<JwtOptions> jwt, IOptions<AccountLinkOptions> options)
{
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan EmailChangeLifetime = TimeSpan.FromHours(24);

    /// <summary>An unsubscribe link only ever turns e-mails off, so it may keep working as long as old e-mails are kept.</summary>
    public static readonly TimeSpan UnsubscribeLifetime = TimeSpan.FromDays(5 * 365);

    private const int MacLength = 32;
    private const int HeaderLength = 16 + sizeof(long) + sizeof(ushort);

    private readonly byte[] _resetKey = Derive(jwt.Value, "roost:password-reset:v1");
    private readonly byte[] _emailKey = Derive(jwt.Value, "roost:email-change:v1");
    private readonly byte[] _unsubscribeKey = Derive(jwt.Value, "roost:unsubscribe:v1");

    public string PasswordReset(User user, DateTimeOffset now) =>
        Sign(_resetKey, user.Id, now + PasswordResetLifetime, "", user.PasswordHash);

    public string EmailChange(User user, string newEmail, DateTimeOffset now) =>
        Sign(_emailKey, user.Id, now + EmailChangeLifetime, newEmail, user.NormalizedEmail);

    /// <summary>Stops one kind of e-mail (<paramref name="category"/>) to the user; it depends on no account state.</summary>
    public string Unsubscribe(Guid userId, string category, DateTimeOffset now) =>
        Sign(_unsubscribeKey, userId, now + UnsubscribeLifetime, category, "");

    public bool IsUnsubscribe(AccountLink link, DateTimeOffset now) => link.ExpiresAt > now && Verify(_unsubscribeKey, link, "");

    public bool IsPasswordResetFor(AccountLink link, User user) => Verify(_resetKey, link, user.PasswordHash);

    public bool IsEmailChangeFor(AccountLink link, User user) => Verify(_emailKey, link, user.NormalizedEmail);

    public static AccountLink? Read(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length < HeaderLength + MacLength)
        {
            return null;
        }

        var seconds = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16, sizeof(long)));
        var valueLength = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(16 + sizeof(long)));
        if (bytes.Length != HeaderLength + valueLength + MacLength || seconds is < 0 or > 253402300799)
        {
            return null;
        }

        var signed = bytes[..(HeaderLength + valueLength)];
        string value;
        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(signed, HeaderLength, valueLength);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return new AccountLink(new Guid(bytes.AsSpan(0, 16)), DateTimeOffset.FromUnixTimeSeconds(seconds), value, signed, bytes[signed.Length..]);
    }

    /// <summary>
    /// The text of an e-mail that carries a link, signed here as it leaves so that neither the in-app notice nor the
    /// database ever holds one (a retried send signs a fresh link); null for every other notice.
    /// </summary>
    public string? EmailText(Notification notice, User user, DateTimeOffset now) => notice.Type switch
    {
        Passwords.ResetRequestedNotice =>
            $"Someone, hopefully you, asked to reset the password of your Roost account. To choose a new one, open this link within {PasswordResetLifetime.TotalMinutes:0} minutes:\n\n"
            + $"{Link(options.Value.PasswordResetLink, PasswordReset(user, now))}\n\n"
            + "The link works once. If you did not ask for it, ignore this e-mail: your password stays as it is.",
        EmailChanges.ConfirmNotice when notice.EmailTo is { } newEmail =>
            $"To make {newEmail} the e-mail address of your Roost account, open this link within {EmailChangeLifetime.TotalHours:0} hours:\n\n"
            + $"{Link(options.Value.EmailChangeLink, EmailChange(user, newEmail, now))}\n\n"
            + "If you did not ask for this, ignore this e-mail: nothing changes.",
        EmailChanges.VerifyNotice =>
            $"Please confirm that {user.Email} is your address by opening this link within {EmailChangeLifetime.TotalHours:0} hours:\n\n"
            + $"{Link(options.Value.EmailChangeLink, EmailChange(user, user.Email, now))}\n\n"
            + "If you did not sign up for Roost, ignore this e-mail.",
        _ => null,
    };

    /// <summary>
    /// How long until one more link of this kind may be mailed to the account, or null if one may go now: at most
    /// one every 2 minutes and 5 a day, whoever asks, so nobody turns a stranger's inbox into a target.
    /// </summary>
    public static async Task<TimeSpan?> MailedTooOftenAsync(RoostDb db, Guid userId, string noticeType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayAgo = now.AddDays(-1);
        var sent = await db.Set<Notification>()
            .Where(n => n.UserId == userId && n.Type == noticeType && n.CreatedAt > dayAgo)
            .Select(n => n.CreatedAt)
            .ToListAsync(cancellationToken);
        var spacing = TimeSpan.FromMinutes(2);
        return sent.Count >= 5 ? sent.Min() + TimeSpan.FromDays(1) - now
            : sent.Count > 0 && sent.Max() + spacing > now ? sent.Max() + spacing - now
            : null;
    }

    private static string Link(string template, string token) => template.Replace("{token}", token, StringComparison.Ordinal);

    private static string Sign(byte[] key, Guid userId, DateTimeOffset expiresAt, string value, string state)
    {
        var valueBytes = Encoding.UTF8.GetBytes(value);
        var signed = new byte[HeaderLength + valueBytes.Length];
        userId.TryWriteBytes(signed.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(signed.AsSpan(16), expiresAt.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt16BigEndian(signed.AsSpan(16 + sizeof(long)), checked((ushort)valueBytes.Length));
        valueBytes.CopyTo(signed, HeaderLength);
        return Base64UrlEncoder.Encode([.. signed, .. Mac(key, signed, state)]);
    }

    private static bool Verify(byte[] key, AccountLink link, string state) =>
        CryptographicOperations.FixedTimeEquals(link.Mac, Mac(key, link.Signed, state));

    private static byte[] Mac(byte[] key, byte[] signed, string state) =>
        HMACSHA256.HashData(key, (byte[])[.. signed, .. Encoding.UTF8.GetBytes(state)]);

    private static byte[] Derive(JwtOptions jwt, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, jwt.SigningKeyBytes(), 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}
