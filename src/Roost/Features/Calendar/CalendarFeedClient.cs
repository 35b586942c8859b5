using Roost.Platform.Http;

namespace Roost.Features.Calendar;

public sealed class CalendarImportOptions
{
    public const string Section = "Calendar:Import";

    /// <summary>Tests and `./roost run` serve feeds from this machine; production never should.</summary>
    public bool AllowLoopback { get; set; }

    public bool AllowPrivateNetworks { get; set; }

    public int MaxBytes { get; set; } = 1024 * 1024;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class CalendarFeedException(string message) : Exception(message);

/// <summary>
/// Fetches a host-supplied URL without letting it reach inside our network (SSRF): http(s) only, every address the
/// name resolves to is checked at connect time (so DNS rebinding cannot slip past), redirects only to the same
/// host, a size cap and a time limit.
/// </summary>
public sealed class CalendarFeedClient(HttpClient http, CalendarImportOptions options)
{
    private const int MaxRedirects = 3;

    public async Task<string> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var current = url;
        try
        {
            for (var hop = 0; hop <= MaxRedirects; hop++)
            {
                using var response = await http.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase) || !IsHttp(next))
                    {
                        throw new CalendarFeedException($"The feed redirects to another host ({next.Host}); refused.");
                    }

                    current = next;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new CalendarFeedException($"The feed answered HTTP {(int)response.StatusCode}.");
                }

                if (response.Content.Headers.ContentLength > options.MaxBytes)
                {
                    throw new CalendarFeedException($"The feed is larger than {options.MaxBytes} bytes.");
                }

                return await ReadCappedAsync(response.Content, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CalendarFeedException($"The feed did not answer within {options.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex)
        {
            throw new CalendarFeedException(ex.InnerException is OutboundRefusedException refused ? $"The feed's address ({string.Join(", ", refused.Addresses)}) is not a public one; refused." : $"The feed could not be fetched: {ex.Message}");
        }

        throw new CalendarFeedException("The feed redirects too many times.");
    }

    public static bool IsHttp(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    private async Task<string> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
            {
                throw new CalendarFeedException($"The feed is larger than {options.MaxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The handler behind the client: connects only to addresses the policy allows.</summary>
    public static SocketsHttpHandler CreateHandler(CalendarImportOptions options) => GuardedHttp.CreateHandler(options.AllowLoopback, options.AllowPrivateNetworks);
}
