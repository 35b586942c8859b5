using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

public static class AccountsDb
{
    extension(RoostDb db)
    {
        public DbSet<User> Users => db.Set<User>();

        public DbSet<Session> Sessions => db.Set<Session>();

        public DbSet<RefreshToken> RefreshTokens => db.Set<RefreshToken>();

        public DbSet<LoginThrottle> LoginThrottles => db.Set<LoginThrottle>();
    }
}
