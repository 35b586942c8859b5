namespace Roost.Features.Accounts;

/// <summary>
/// What a feature above Accounts keeps about a person that goes when their account closes: it is removed in the
/// closing transaction, so a closed account leaves nothing behind that still acts for it.
/// </summary>
public interface IAccountErasure
{
    Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken);
}
