namespace Roost.Features.Accounts;

/// <summary>
/// What an account still owes others before it may close: stays booked or requested that have not ended, listings
/// guests can still find, claims not settled. Each feature above Accounts that holds such a thing answers for it.
/// </summary>
public interface IAccountCommitments
{
    /// <summary>One sentence a commitment, for the user to settle first; empty when the account may close.</summary>
    Task<IReadOnlyList<string>> OpenAsync(Guid userId, CancellationToken cancellationToken);
}
