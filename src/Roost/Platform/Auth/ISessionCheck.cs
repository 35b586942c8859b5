namespace Roost.Platform.Auth;

/// <summary>
/// Answers whether the session an access token was issued for is still alive. Implemented by the accounts feature,
/// which owns sessions; the platform only asks, so a token dies with its session instead of living out its 15 minutes.
/// </summary>
public interface ISessionCheck
{
    ValueTask<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken);
}
