using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Notifications;

/// <summary>A real HTTP server on loopback that keeps every POST it gets and answers with the status a test sets.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public ConcurrentQueue<(string Body, string? Signature)> Received { get; } = new();

    public int Status { get; set; } = 200;

    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        (_app, var baseUrl) = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            Received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["Roost-Signature"].FirstOrDefault()));
            context.Response.StatusCode = Status;
        });
        Url = baseUrl + "/hooks/roost";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
