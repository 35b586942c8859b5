using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Messaging;

/// <summary>A guest and a host talking about one listing; one conversation per guest and listing.</summary>
public sealed class Conversation
{
    private Conversation()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid GuestId { get; private set; }

    public Guid HostId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastMessageAt { get; private set; }

    public DateTimeOffset GuestReadAt { get; private set; }

    public DateTimeOffset HostReadAt { get; private set; }

    public static Conversation Start(Guid listingId, Guid guestId, Guid hostId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ListingId = listingId,
        GuestId = guestId,
        HostId = hostId,
        CreatedAt = now,
        LastMessageAt = now,
        GuestReadAt = DateTimeOffset.UnixEpoch,
        HostReadAt = DateTimeOffset.UnixEpoch,
    };

    public bool Includes(Guid userId) => userId == GuestId || userId == HostId;

    /// <summary>Sending counts as having read everything before it.</summary>
    public void Sent(Guid senderId, DateTimeOffset at)
    {
        LastMessageAt = at;
        MarkRead(senderId, at);
    }

    public void MarkRead(Guid userId, DateTimeOffset at)
    {
        if (userId == GuestId)
        {
            GuestReadAt = at;
        }
        else if (userId == HostId)
        {
            HostReadAt = at;
        }
    }

    public DateTimeOffset ReadAtOf(Guid userId) => userId == HostId ? HostReadAt : GuestReadAt;
}

public sealed partial class Message
{
    public const int MaxLength = 5000;

    private Message()
    {
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public Guid SenderId { get; private set; }

    /// <summary>What the other side sees: contact details masked until a booking between them is confirmed.</summary>
    public string Text { get; private set; } = "";

    /// <summary>As written, for moderation; shown to admins only.</summary>
    public string OriginalText { get; private set; } = "";

    public DateTimeOffset SentAt { get; private set; }

    public static Message Write(Guid conversationId, Guid senderId, string text, bool revealContacts, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ConversationId = conversationId,
        SenderId = senderId,
        Text = revealContacts ? text : Mask(text),
        OriginalText = text,
        SentAt = now,
    };

    /// <summary>Keeps people on the platform until they have a booking: e-mail addresses and phone numbers are hidden.</summary>
    public static string Mask(string text) =>
        PhoneNumber().Replace(EmailAddress().Replace(text, "[e-mail hidden]"), "[phone hidden]");

    [GeneratedRegex(@"[\w.+-]+\s*(@|\(at\)|\[at\])\s*[\w-]+(\s*(\.|\(dot\)|\[dot\])\s*[\w-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\+?\d[\d\s().\-/]{6,}\d")]
    private static partial Regex PhoneNumber();
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public const string OnePerGuestAndListing = "ux_conversations_listing_id_guest_id";

    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.ToTable("conversations");
        conversation.HasKey(c => c.Id);
        conversation.HasIndex(c => new { c.ListingId, c.GuestId }).IsUnique().HasDatabaseName(OnePerGuestAndListing);
        conversation.HasIndex(c => new { c.GuestId, c.LastMessageAt });
        conversation.HasIndex(c => new { c.HostId, c.LastMessageAt });
        conversation.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Cascade);
        conversation.HasOne<User>().WithMany().HasForeignKey(c => c.GuestId).OnDelete(DeleteBehavior.Cascade);
        conversation.HasOne<User>().WithMany().HasForeignKey(c => c.HostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.ToTable("messages", t => t.HasCheckConstraint("ck_messages_text", "char_length(original_text) BETWEEN 1 AND 5000"));
        message.HasKey(m => m.Id);
        message.Property(m => m.Text).HasMaxLength(Message.MaxLength * 2);
        message.Property(m => m.OriginalText).HasMaxLength(Message.MaxLength);
        message.HasIndex(m => new { m.ConversationId, m.SentAt, m.Id });
        message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class MessagingDb
{
    extension(RoostDb db)
    {
        public DbSet<Conversation> Conversations => db.Set<Conversation>();

        public DbSet<Message> Messages => db.Set<Message>();
    }
}
