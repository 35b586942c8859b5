using Npgsql;

namespace Roost.Tests.Infrastructure;

/// <summary>The throwaway PostgreSQL and Redis that `./roost test` starts; each app under test gets its own database.</summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("ROOST_TEST_POSTGRES");

    public static string Redis => Required("ROOST_TEST_REDIS");

    public static string? RedisServerBinary => Environment.GetEnvironmentVariable("ROOST_TEST_REDIS_SERVER");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"roost_test_{Guid.NewGuid():N}"[..28];
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    /// <summary>A loopback port nothing listens on just now.</summary>
    public static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"{variable} is not set: run the tests with `./roost test`, which starts the servers.");
}
