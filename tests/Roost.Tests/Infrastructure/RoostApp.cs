using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Roost.Platform.Data;

namespace Roost.Tests.Infrastructure;

/// <summary>The real application over HTTP, on its own fresh database in the throwaway PostgreSQL.</summary>
public class RoostApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static readonly string SealingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public const string WebhookSecret = "whsec_roost_tests_only";

    public const string MetricsToken = "metrics-scrape-token-for-tests";

    public string ConnectionString { get; protected set; } = "";

    /// <summary>
    /// Apps under test share one Redis server: each keeps its caches, counters and revocations apart, as separate
    /// deployments do, unless it is a second process of the same deployment (<see cref="SecondProcess"/>).
    /// </summary>
    public string RedisKeyPrefix { get; protected set; } = $"roost-test:{Guid.NewGuid():N}:";

    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), $"roost-files-{Guid.NewGuid():N}");

    public string MailRoot { get; } = Path.Combine(Path.GetTempPath(), $"roost-mail-{Guid.NewGuid():N}");

    protected virtual string RedisConnection => TestServers.Redis;

    /// <summary>Generous limits so tests that register many users are not throttled; rate-limit tests lower them.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:AnonymousPerMinute"] = "100000",
        ["RateLimits:UserPerMinute"] = "100000",
        ["RateLimits:CredentialsPerMinute"] = "100000",
        ["RateLimits:MessagesPerMinute"] = "100000",
        ["Bookings:MaxPendingRequestsPerGuest"] = "100000",
        ["Bookings:MaxBookingsPerGuestPerDay"] = "100000",
        ["Bookings:TaxPercentByCountry:PT"] = "6",
        ["Payments:WebhookSecret"] = WebhookSecret,
        ["Metrics:ScrapeToken"] = MetricsToken,
    };

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestServers.CreateDatabaseAsync();
        _ = Server;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Uploads and e-mails of a finished app are read by no one: a suite run leaves nothing behind in /tmp.
        foreach (var directory in new[] { FilesRoot, MailRoot }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", RedisConnection);
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Sealing:EncryptionKey", SealingKey);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Jobs:WorkerCount", "2");
        builder.UseSetting("Files:Root", FilesRoot);
        builder.UseSetting("Email:PickupDirectory", MailRoot);
        builder.UseSetting("Calendar:Import:AllowLoopback", "true");
        builder.UseSetting("Webhooks:AllowLoopback", "true");
        builder.UseSetting("Webhooks:AllowHttp", "true");
        builder.UseSetting("Redis:KeyPrefix", RedisKeyPrefix);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientWithToken(string accessToken)
    {
        var handlers = ClientHandlers().ToArray();
        var client = handlers.Length == 0 ? CreateClient() : CreateDefaultClient(handlers);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>What every signed-in test client sends its requests through, fresh for each client; none by default.</summary>
    protected virtual IEnumerable<DelegatingHandler> ClientHandlers() => [];

    public async Task<T> WithDbAsync<T>(Func<RoostDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RoostDb>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}

/// <summary>Another process of <paramref name="first"/>'s deployment: the same database and the same Redis keys, its own memory.</summary>
public sealed class SecondProcess(RoostApp first) : RoostApp
{
    public override Task InitializeAsync()
    {
        ConnectionString = first.ConnectionString;
        RedisKeyPrefix = first.RedisKeyPrefix;
        _ = Server;
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<RoostApp>
{
    public const string Name = "api";
}
