using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Email).HasMaxLength(254);
        user.Property(u => u.NormalizedEmail).HasMaxLength(254);
        user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName(UniqueEmailIndex);
        user.Property(u => u.PasswordHash).HasMaxLength(512);
        user.Property(u => u.FirstName).HasMaxLength(100);
        user.Property(u => u.LastName).HasMaxLength(100);
        user.Property(u => u.Phone).HasMaxLength(32);
        user.Property(u => u.PhotoKey).HasMaxLength(200);
        user.Ignore(u => u.PhotoUrl);
        user.Property(u => u.TimeZone).HasMaxLength(64).HasDefaultValue("UTC");
        user.Property(u => u.Roles).HasColumnType("text[]");
        // Sealed (SealedSecrets): "v2:", the key id and the base64 of nonce, ciphertext and tag (older seals "v1:").
        user.Property(u => u.TwoFactorSecret).HasMaxLength(200);
        user.Property(u => u.TwoFactorRecoveryHashes).HasColumnType("text[]");
        user.Ignore(u => u.IsHost);
        user.Ignore(u => u.IsSuspended);
        user.Property(u => u.SuspensionReason).HasMaxLength(500);
        user.ToTable(t => t.HasCheckConstraint("ck_users_email_normalized", "normalized_email = lower(normalized_email)"));
        // Declared here (Platform cannot name User) so that EF saves a new user before the notices that name it.
        user.HasMany<Notification>().WithOne().HasForeignKey(n => n.UserId).HasConstraintName("fk_notifications_users_user_id").OnDelete(DeleteBehavior.Cascade);
    }

    public const string UniqueEmailIndex = "ux_users_normalized_email";
}
