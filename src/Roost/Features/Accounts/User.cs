namespace Roost.Features.Accounts;

public sealed class User
{
    private User()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>As the user typed it (trimmed); <see cref="NormalizedEmail"/> is what is unique.</summary>
    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public string? Phone { get; private set; }

    public List<string> Roles { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Maintained by <see cref="UserRatings"/> as reviews are published.</summary>
    public double? HostRatingAverage { get; private set; }

    public int HostReviewCount { get; private set; }

    public double? GuestRatingAverage { get; private set; }

    public int GuestReviewCount { get; private set; }

    /// <summary>The authenticator app's secret (base32): set when two-step sign-in is being set up, kept while it is on.</summary>
    public string? TwoFactorSecret { get; private set; }

    public DateTimeOffset? TwoFactorEnabledAt { get; private set; }

    /// <summary>The newest time step whose code signed in: no code is good twice.</summary>
    public long? TwoFactorLastStep { get; private set; }

    /// <summary>SHA-256 of the recovery codes not yet used.</summary>
    public string[] TwoFactorRecoveryHashes { get; private set; } = [];

    /// <summary>Maintained by <see cref="HostResponses"/>: the share of guests' requests and questions answered within a day.</summary>
    public int? HostResponseRate { get; private set; }

    /// <summary>The median time the host took to answer them, in minutes; null when nothing was answered.</summary>
    public int? HostResponseMinutes { get; private set; }

    /// <summary>Maintained by <see cref="HostResponses"/>: the same share over the last year, which Superhost's standard reads.</summary>
    public int? HostYearResponseRate { get; private set; }

    /// <summary>Maintained by <see cref="SuperhostStatus"/>: since when the host has held Superhost, through each quarter's assessment.</summary>
    public DateTimeOffset? SuperhostSince { get; private set; }

    /// <summary>Set by an admin: a suspended account cannot sign in, and its sessions were ended when it was suspended.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }

    public string? SuspensionReason { get; private set; }

    /// <summary>When the user last proved they read this address (its confirmation link, or a new address's).</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    /// <summary>When the user closed the account; its personal data went then.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsHost => Roles.Contains(Platform.Auth.Roles.Host);

    public bool IsSuspended => SuspendedAt is not null;

    public static User Register(string email, string firstName, string lastName, string? phone, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email.Trim(),
        NormalizedEmail = EmailAddress.Normalize(email),
        FirstName = firstName.Trim(),
        LastName = lastName.Trim(),
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
        Roles = [Platform.Auth.Roles.Guest],
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void BeginTwoFactor(string secret, DateTimeOffset now)
    {
        TwoFactorSecret = secret;
        UpdatedAt = now;
    }

    public void EnableTwoFactor(long confirmedStep, string[] recoveryHashes, DateTimeOffset now)
    {
        TwoFactorEnabledAt = now;
        TwoFactorLastStep = confirmedStep;
        TwoFactorRecoveryHashes = recoveryHashes;
        UpdatedAt = now;
    }

    public void DisableTwoFactor(DateTimeOffset now)
    {
        TwoFactorSecret = null;
        TwoFactorEnabledAt = null;
        TwoFactorLastStep = null;
        TwoFactorRecoveryHashes = [];
        UpdatedAt = now;
    }

    public void SetPasswordHash(string hash, DateTimeOffset now)
    {
        PasswordHash = hash;
        UpdatedAt = now;
    }

    /// <summary>Only once the new address has been proved (see <see cref="EmailChanges"/>).</summary>
    public void ChangeEmail(string email, DateTimeOffset now)
    {
        Email = email.Trim();
        NormalizedEmail = EmailAddress.Normalize(email);
        EmailVerifiedAt = now;
        UpdatedAt = now;
    }

    public void VerifyEmail(DateTimeOffset now)
    {
        EmailVerifiedAt ??= now;
        UpdatedAt = now;
    }

    /// <summary>Where the profile photo is stored (<see cref="ProfilePhotos"/>); null without one.</summary>
    public string? PhotoKey { get; private set; }

    public string? PhotoUrl => PhotoKey is null ? null : "/media/" + PhotoKey;

    /// <summary>A new photo, or none; the caller removes the file of the one it replaces once this is saved.</summary>
    public void SetPhoto(string? key, DateTimeOffset now)
    {
        PhotoKey = key;
        UpdatedAt = now;
    }

    /// <summary>
    /// The IANA zone the user keeps their books in (a host's earnings months and statement year); UTC until they say.
    /// Stays are always in their home's own zone.
    /// </summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>Only the names, phone and time zone change here; an e-mail address changes through <see cref="EmailChanges"/>.</summary>
    public void UpdateProfile(string? firstName, string? lastName, string? phone, string? timeZone, DateTimeOffset now)
    {
        if (timeZone is not null)
        {
            TimeZone = timeZone;
        }

        if (firstName is not null)
        {
            FirstName = firstName.Trim();
        }

        if (lastName is not null)
        {
            LastName = lastName.Trim();
        }

        if (phone is not null)
        {
            Phone = phone.Trim().Length == 0 ? null : phone.Trim();
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Erases what identifies the person. The address becomes one no mailbox has (unique, so the real one is free to
    /// register again), and the empty password hash matches no password.
    /// </summary>
    public void Close(DateTimeOffset now)
    {
        Email = $"closed-{Id:N}@closed.invalid";
        NormalizedEmail = Email;
        FirstName = "Former member";
        LastName = "";
        Phone = null;
        PhotoKey = null;
        PasswordHash = "";
        EmailVerifiedAt = null;
        DisableTwoFactor(now);
        ClosedAt = now;
        UpdatedAt = now;
    }

    public bool Suspend(string reason, DateTimeOffset now)
    {
        if (IsSuspended)
        {
            return false;
        }

        SuspendedAt = now;
        SuspensionReason = reason;
        UpdatedAt = now;
        return true;
    }

    public bool Reinstate(DateTimeOffset now)
    {
        if (!IsSuspended)
        {
            return false;
        }

        SuspendedAt = null;
        SuspensionReason = null;
        UpdatedAt = now;
        return true;
    }

    public void Grant(string role, DateTimeOffset now)
    {
        if (!Roles.Contains(role))
        {
            Roles = [.. Roles, role];
            UpdatedAt = now;
        }
    }
}
