using System.Net;
using System.Net.Sockets;

namespace Roost.Platform.Http;

/// <summary>Which addresses a server-side request to a user-given URL may connect to: public unicast only, unless configured otherwise.</summary>
public static class NetworkPolicy
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback, bool allowPrivate)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            var unspecifiedOrReserved = b[0] == 0 || b[0] >= 224;
            var linkLocal = b[0] == 169 && b[1] == 254;
            var privateRange = b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168);
            var sharedOrBenchmark = (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 198 && (b[1] == 18 || b[1] == 19));
            return !unspecifiedOrReserved && !linkLocal && (allowPrivate || (!privateRange && !sharedOrBenchmark));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var uniqueLocal = (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
            return !address.Equals(IPAddress.IPv6None) && !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal
                && !address.IsIPv6Multicast && (allowPrivate || !uniqueLocal);
        }

        return false;
    }
}
