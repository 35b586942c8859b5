using Npgsql;

namespace Roost.Tests.Infrastructure;

/// <summary>
/// A transaction of the test's own that blocks a listing's nights and never commits: a claim of the app's on those
/// nights waits for it, and blocking again nights the waiting claim holds makes the two deadlock.
/// </summary>
public sealed class UncommittedBlocks : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _connectionString;

    private UncommittedBlocks(NpgsqlConnection connection, NpgsqlTransaction transaction, string connectionString) =>
        (_connection, _transaction, _connectionString) = (connection, transaction, connectionString);

    public static async Task<UncommittedBlocks> OpenAsync(RoostApp app)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return new UncommittedBlocks(connection, await connection.BeginTransactionAsync(), app.ConnectionString);
    }

    public async Task BlockAsync(Guid listingId, DateOnly from, DateOnly to)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO occupancies (id, listing_id, kind, starts_on, ends_on, buffer_nights, created_at) VALUES ($1, $2, 'HostBlock', $3, $4, 0, now())", _connection)
        {
            Parameters = { new() { Value = Guid.NewGuid() }, new() { Value = listingId }, new() { Value = from }, new() { Value = to } },
        };
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Returns once another session's statement that starts with <paramref name="statementStart"/> waits for this transaction.</summary>
    public async Task WaitForWaiterAsync(string statementStart)
    {
        await using var watcher = new NpgsqlConnection(_connectionString);
        await watcher.OpenAsync();
        for (var attempt = 0; attempt < 400; attempt++)
        {
            await using var probe = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'transactionid' AND ltrim(query) LIKE $1 || '%' AND pid <> $2", watcher)
            {
                Parameters = { new() { Value = statementStart }, new() { Value = _connection.ProcessID } },
            };
            if ((long)(await probe.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No statement starting '{statementStart}' came to wait on the blocking transaction.");
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
