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
            .UseNpgsql(Tuned(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());
        return builder;
    }

    /// <summary>
    /// Server-side prepared statements for the hot queries (PostgreSQL parses and plans them once per connection),
    /// kept across pool returns: nothing of ours relies on session state, so the reset on return is only cost.
    /// Settings given in the connection string win.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Applies checked-in migrations; several processes starting at once are serialised by EF's migration lock.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoostDb>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
