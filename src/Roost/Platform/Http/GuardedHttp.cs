using System.Net;
using System.Net.Sockets;

namespace Roost.Platform.Http;

/// <summary>A connection to a user-given URL that the network policy refused to open.</summary>
public sealed class OutboundRefusedException(IReadOnlyList<IPAddress> addresses)
    : Exception($"The address ({string.Join(", ", addresses)}) is not a public one; refused.")
{
    public IReadOnlyList<IPAddress> Addresses { get; } = addresses;
}

/// <summary>
/// HTTP to URLs users give us (calendar feeds, webhooks) without letting it reach inside our network (SSRF): every
/// address the name resolves to is checked at connect time, so DNS rebinding cannot slip past, and redirects and
/// proxies are left to the caller to allow.
/// </summary>
public static class GuardedHttp
{
    public static SocketsHttpHandler CreateHandler(bool allowLoopback, bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(a => NetworkPolicy.IsAllowed(a, allowLoopback, allowPrivateNetworks)).ToArray();
            if (allowed.Length == 0)
            {
                throw new OutboundRefusedException(addresses);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
