using Microsoft.Extensions.Caching.Memory;

namespace Roost.Features.Search;

/// <summary>
/// Which searches this node was asked for again lately: only those earn a place in the shared cache. Most searches
/// are asked once (each with its own place, dates and party), and caching those cost Redis a write, and its
/// append-only log a page, that nothing read back: a read benchmark stored ~150,000 such pages in a few minutes.
/// </summary>
public sealed class PopularSearches(IMemoryCache seen)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>Whether this search was asked within the window before; either way, it now has been.</summary>
    public bool AskedAgain(string fingerprint)
    {
        var key = "popular-search:" + fingerprint;
        if (seen.TryGetValue(key, out _))
        {
            return true;
        }

        seen.Set(key, true, Window);
        return false;
    }
}
