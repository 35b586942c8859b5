using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Roost.Platform.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or a database.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<RoostDb>
{
    public RoostDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RoostDb>()
            .UseNpgsql("Host=localhost;Database=roost_design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);
}
