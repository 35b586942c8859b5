using Npgsql;
using Roost.Platform.Data;

namespace Roost.Features.Search;

/// <summary>
/// Connections for searches by place, on which PostgreSQL plans the search once and reuses the plan. Left to itself
/// it plans a prepared search anew for every place, since it cannot tell whether one place's plan suits another; for
/// a place it does (the covering index by place, whatever the place). Measured with pgbench at concurrency 16:
/// 1.23× the searches a second with one plan. Map boxes keep the per-search plans of the shared pool: a box's size
/// changes the best plan, and one plan for all was slower (0.86×).
/// </summary>
public sealed class PlaceSearchConnections(IConfiguration configuration) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(OnePlan(configuration.GetConnectionString("Postgres")));

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static string OnePlan(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(DataSetup.Tuned(connectionString ?? "")) { ApplicationName = "roost-place-search" };
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        return builder.ConnectionString;
    }
}
