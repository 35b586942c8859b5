using System.Security.Claims;

namespace Roost.Platform.Auth;

public static class RoostClaims
{
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string Role = "role";
}

public static class Roles
{
    public const string Guest = "guest";
    public const string Host = "host";
    public const string Admin = "admin";
}

public static class Policies
{
    public const string Host = "host";
    public const string Admin = "admin";
}

/// <summary>
/// Per-resource checks every feature uses the same way: the caller is the owner, one of the participants, or an admin.
/// A caller who fails them should get 404, not 403, so ids of other people's things are not confirmed.
/// </summary>
public static class CurrentUser
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(RoostClaims.UserId), out var id)
            ? id
            : throw new InvalidOperationException("The endpoint must require authorization before reading the user id.");

    public static Guid SessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(RoostClaims.SessionId), out var id) ? id : Guid.Empty;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool IsOwnerOrAdmin(this ClaimsPrincipal user, Guid ownerId) =>
        user.IsAdmin() || user.UserId() == ownerId;

    public static bool IsParticipantOrAdmin(this ClaimsPrincipal user, params ReadOnlySpan<Guid> participantIds)
    {
        if (user.IsAdmin())
        {
            return true;
        }

        var me = user.UserId();
        foreach (var id in participantIds)
        {
            if (id == me)
            {
                return true;
            }
        }

        return false;
    }
}
