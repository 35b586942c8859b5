using GraphQL.DataLoader;

namespace Roost.Platform.GraphQL;

/// <summary>
/// Request-scoped batching for GraphQL edges: every <see cref="Load"/> made while a level of the query resolves is
/// remembered, and the first result awaited fetches all of them in one call. The executor awaits
/// <see cref="IDataLoaderResult"/>s only after the rest of the level ran, so fifty listings ask for their hosts once.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue> _loaded = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!_loaded.ContainsKey(key))
        {
            _pending.Add(key);
        }

        return new Deferred(this, key);
    }

    private async Task<TValue?> ResultAsync(TKey key, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            var batch = _pending.ToList();
            _pending.Clear();
            foreach (var (k, v) in await fetch(batch, cancellationToken))
            {
                _loaded[k] = v;
            }
        }

        return _loaded.GetValueOrDefault(key);
    }

    private sealed class Deferred(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResultAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>The loaders of one request, by name, so every resolver of the request shares each batch.</summary>
public sealed class BatchLoaders
{
    private readonly Dictionary<string, object> _loaders = [];

    public BatchLoader<TKey, TValue> For<TKey, TValue>(string name, Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        if (!_loaders.TryGetValue(name, out var loader))
        {
            loader = new BatchLoader<TKey, TValue>(fetch);
            _loaders[name] = loader;
        }

        return (BatchLoader<TKey, TValue>)loader;
    }
}
