using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Http;

namespace Roost.Features.Accounts;

/// <summary>What support and moderation need to know of an account to act on it.</summary>
public sealed record AccountSummary(
    Guid Id,
    string Email,
    string FirstName,
    string LastName,
    IReadOnlyList<string> Roles,
    bool EmailVerified,
    DateTimeOffset? SuspendedAt,
    string? SuspensionReason,
    DateTimeOffset? ClosedAt,
    DateTimeOffset CreatedAt);

public sealed record AccountCursor(DateTimeOffset CreatedAt, Guid Id);

/// <summary>
/// Finding an account for admins: by the start of its e-mail address, or of a first or last name, newest first.
/// A query is matched literally (a <c>%</c> in it is a percent sign, not "everything").
/// </summary>
public sealed class AccountDirectory(RoostDb db)
{
    public const int MaxQueryLength = 254;

    /// <summary>The admins who can act now (not suspended, not closed): whom work waiting for a person is told about.</summary>
    public static IQueryable<User> ActiveAdmins(RoostDb db) =>
        db.Users.Where(u => u.Roles.Contains(Platform.Auth.Roles.Admin) && u.SuspendedAt == null && u.ClosedAt == null);

    public Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken) => db.Users.AnyAsync(u => u.Id == userId, cancellationToken);

    /// <summary>The open account (not closed) holding this address, if any.</summary>
    public Task<Guid?> HolderOfAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        return db.Users.Where(u => u.NormalizedEmail == normalized && u.ClosedAt == null).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The user's address as accounts compare it, and whether its holder confirmed it.</summary>
    public async Task<(string NormalizedEmail, bool Confirmed)> AddressOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var address = await db.Users.Where(u => u.Id == userId).Select(u => new { u.NormalizedEmail, Confirmed = u.EmailVerifiedAt != null }).SingleAsync(cancellationToken);
        return (address.NormalizedEmail, address.Confirmed);
    }

    /// <summary>The zone the user keeps their books in (a host's earnings months and statement year): their profile's, UTC until set.</summary>
    public async Task<TimeZoneInfo> BookkeepingZoneAsync(Guid userId, CancellationToken cancellationToken) =>
        TimeZoneInfo.FindSystemTimeZoneById(await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync(cancellationToken));

    public async Task<Page<AccountSummary>> SearchAsync(string? query, int limit, AccountCursor? after, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var text = query.Trim();
            var prefix = Escape(EmailAddress.Normalize(text)) + "%";
            users = text.Contains('@')
                ? users.Where(u => EF.Functions.Like(u.NormalizedEmail, prefix, @"\"))
                : users.Where(u => EF.Functions.Like(u.NormalizedEmail, prefix, @"\")
                    || EF.Functions.ILike(u.FirstName, Escape(text) + "%", @"\")
                    || EF.Functions.ILike(u.LastName, Escape(text) + "%", @"\"));
        }

        if (after is { } cursor)
        {
            users = users.Where(u => EF.Functions.LessThan(ValueTuple.Create(u.CreatedAt, u.Id), ValueTuple.Create(cursor.CreatedAt, cursor.Id)));
        }

        var rows = await users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Take(limit + 1)
            .Select(u => new AccountSummary(u.Id, u.Email, u.FirstName, u.LastName, u.Roles, u.EmailVerifiedAt != null, u.SuspendedAt, u.SuspensionReason, u.ClosedAt, u.CreatedAt))
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit).ToList();
        return new Page<AccountSummary>(items, rows.Count > limit ? Cursor.Encode(new AccountCursor(items[^1].CreatedAt, items[^1].Id)) : null);
    }

    private static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
