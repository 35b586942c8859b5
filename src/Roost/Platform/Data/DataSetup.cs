using Microsoft.EntityFrameworkCore;

namespace Roost.Platform.Data;

public static class DataSetup
{
    public static IHostApplicationBuilder AddRoostData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. `./roost run` sets it; see README for the settings.");

        builder.Services.AddDbContextPool<RoostDb>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());
        return builder;
    }

    /// <summary>Applies checked-in migrations; several processes starting at once are serialised by EF's migration lock.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoostDb>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
