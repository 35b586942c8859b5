using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Calendar;

/// <summary>A real HTTP server on loopback serving whatever .ics text a test puts at a path.</summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly Dictionary<string, (int Status, string Body, string? Location)> _routes = [];
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public void Serve(string path, string body, int status = 200, string? location = null)
    {
        lock (_routes)
        {
            _routes[path] = (status, body, location);
        }
    }

    public async Task StartAsync() =>
        (_app, BaseUrl) = await LoopbackServer.StartAsync(async context =>
        {
            (int Status, string Body, string? Location) route;
            lock (_routes)
            {
                if (!_routes.TryGetValue(context.Request.Path.Value ?? "", out route))
                {
                    route = (404, "", null);
                }
            }

            context.Response.StatusCode = route.Status;
            if (route.Location is not null)
            {
                context.Response.Headers.Location = route.Location;
            }

            context.Response.ContentType = "text/calendar";
            await context.Response.WriteAsync(route.Body);
        });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
