using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>An app wired to a Redis of its own that the test really shuts down while the app is serving.</summary>
public sealed class RedisOutageApp : RoostApp
{
    private readonly int _port = TestServers.UnusedPort();
    private Process? _redis;

    protected override string RedisConnection => $"127.0.0.1:{_port}";

    public override async Task InitializeAsync()
    {
        var binary = TestServers.RedisServerBinary ?? "redis-server";
        _redis = Process.Start(new ProcessStartInfo(binary, $"--port {_port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        await WaitForPortAsync(_port);
        await base.InitializeAsync();
    }

    public void StopRedis()
    {
        _redis?.Kill(entireProcessTree: true);
        _redis?.WaitForExit();
    }

    public override async ValueTask DisposeAsync()
    {
        StopRedis();
        await base.DisposeAsync();
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {port}");
    }
}

public sealed class RedisOutageTests(RedisOutageApp app) : IClassFixture<RedisOutageApp>
{
    [Fact]
    public async Task With_Redis_stopped_accounts_keep_working_and_readiness_names_Redis()
    {
        var before = await app.RegisterGuestAsync();
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/users/{before.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.StopRedis();

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        report.GetProperty("redis").GetProperty("status").GetString().ShouldBe("Unhealthy");
        report.GetProperty("postgres").GetProperty("status").GetString().ShouldBe("Healthy");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var during = await app.RegisterGuestAsync();
        var tokens = await app.LoginAsync(during.Email, during.Password);
        (await app.ClientWithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/v1/me"))!.Email.ShouldBe(during.Email);
        (await before.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/users/{before.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Revocation still bites without Redis: the check falls back to PostgreSQL.
        (await app.ClientWithToken(tokens.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.ClientWithToken(tokens.AccessToken).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
