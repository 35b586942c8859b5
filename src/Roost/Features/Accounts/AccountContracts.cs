using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Accounts;

public sealed record RegisterRequest(
    [Required, EmailAddress, MaxLength(254)] string Email,
    [Required, MaxLength(PasswordPolicy.MaxLength)] string Password,
    [Required, MinLength(1), MaxLength(100)] string FirstName,
    [Required, MinLength(1), MaxLength(100)] string LastName,
    [Phone, MaxLength(32)] string? Phone = null);

/// <param name="Code">With two-step sign-in on: the authenticator app's code, or a recovery code.</param>
public sealed record LoginRequest(
    [Required, MaxLength(254)] string Email,
    [Required, MaxLength(PasswordPolicy.MaxLength)] string Password,
    [MaxLength(20)] string? Code = null);

public sealed record RefreshRequest([Required, MaxLength(200)] string RefreshToken);

public sealed record ForgotPasswordRequest([Required, EmailAddress, MaxLength(254)] string Email);

/// <summary>The token is the one in the reset e-mail's link.</summary>
public sealed record ResetPasswordRequest(
    [Required, MaxLength(200)] string Token,
    [Required, MaxLength(PasswordPolicy.MaxLength)] string NewPassword);

public sealed record ChangeEmailRequest(
    [Required, EmailAddress, MaxLength(254)] string NewEmail,
    [Required, MaxLength(PasswordPolicy.MaxLength)] string Password);

/// <summary>The token is the one in the link mailed to the new address.</summary>
public sealed record ConfirmEmailChangeRequest([Required, MaxLength(800)] string Token);

public sealed record CloseAccountRequest([Required, MaxLength(PasswordPolicy.MaxLength)] string Password);

public sealed record ChangePasswordRequest(
    [Required, MaxLength(PasswordPolicy.MaxLength)] string CurrentPassword,
    [Required, MaxLength(PasswordPolicy.MaxLength)] string NewPassword);

/// <summary>Only what a user may change about themselves; roles, e-mail, id and timestamps are not here on purpose.</summary>
public sealed record UpdateProfileRequest(
    [MinLength(1), MaxLength(100)] string? FirstName = null,
    [MinLength(1), MaxLength(100)] string? LastName = null,
    [MaxLength(32)] string? Phone = null,
    [MaxLength(64)] string? TimeZone = null);

public sealed record UserResponse(
    Guid Id,
    string Email,
    string FirstName,
    string LastName,
    string? Phone,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    bool EmailVerified,
    bool TwoFactorEnabled,
    string TimeZone,
    string? PhotoUrl)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Email, user.FirstName, user.LastName, user.Phone, user.Roles, user.CreatedAt, user.EmailVerifiedAt is not null, user.TwoFactorEnabledAt is not null, user.TimeZone, user.PhotoUrl);
}

public sealed record TokenResponse(UserResponse User, string AccessToken, string RefreshToken, int ExpiresIn);

public sealed record AccessTokenResponse(UserResponse User, string AccessToken, int ExpiresIn);

public sealed record RatingSummary(double? Average, int Count);


/// <summary>What anyone may see of a user: never the e-mail, phone or last name.</summary>
/// <remarks>Immutable by contract: the profile cache hands the same instance to every reader.</remarks>
[System.ComponentModel.ImmutableObject(true)]
public sealed record PublicProfile(
    Guid Id,
    string FirstName,
    DateTimeOffset JoinedAt,
    bool IsHost,
    RatingSummary AsHost,
    RatingSummary AsGuest,
    bool EmailVerified,
    ResponseSummary? HostResponse,
    bool Superhost,
    string? PhotoUrl);

public sealed record SessionResponse(
    Guid Id,
    string Device,
    string? IpAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt,
    bool Current);
