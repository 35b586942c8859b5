using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Auth;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

/// <summary>Operator actions run from the command line (`./roost admin`, the demo seed), never over HTTP.</summary>
public sealed class AccountAdministration(RoostDb db, IPasswordHasher<User> hasher, TimeProvider time)
{
    public async Task<bool> GrantAdminAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.Grant(Roles.Admin, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Creates the account if its e-mail is free; an existing one is left exactly as it is.</summary>
    public async Task<User> EnsureUserAsync(
        string email, string password, string firstName, string lastName, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        if (await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = time.GetUtcNow();
        var user = User.Register(email, firstName, lastName, null, now);
        user.SetPasswordHash(hasher.HashPassword(user, password), now);
        // Operator-made accounts (the demo's, an admin's) are vouched for by the operator.
        user.VerifyEmail(now);
        foreach (var role in roles)
        {
            user.Grant(role, now);
        }

        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }
}
