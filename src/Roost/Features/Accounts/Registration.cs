using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Accounts;

public sealed class Registration(RoostDb db, IPasswordHasher<User> hasher, SessionStarter sessions, TimeProvider time)
{
    public async Task<Outcome<TokenResponse>> RegisterAsync(RegisterRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var weaknesses = PasswordPolicy.Check(request.Password, request.Email);
        if (weaknesses.Count > 0)
        {
            return Failure.Validation(new Dictionary<string, string[]> { ["password"] = [.. weaknesses] });
        }

        var now = time.GetUtcNow();
        var user = User.Register(request.Email, request.FirstName, request.LastName, request.Phone, now);
        user.SetPasswordHash(hasher.HashPassword(user, request.Password), now);
        db.Users.Add(user);
        EmailChanges.QueueVerification(db, user, now);
        var tokens = sessions.Start(user, client);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(UserConfiguration.UniqueEmailIndex))
        {
            return Failure.Conflict("An account with this e-mail address already exists.", "Log in instead, or use another address.");
        }

        return tokens;
    }
}
