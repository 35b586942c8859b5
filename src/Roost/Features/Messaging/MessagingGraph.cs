using GraphQL;
using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;
using Roost.Platform.RateLimits;

namespace Roost.Features.Messaging;

public sealed class MessageGraphType : RecordGraphType<MessageResponse>
{
    public MessageGraphType()
    {
        Name = "Message";
        Field<NonNullGraphType<UserGraphType>>("sender").Resolve(context => context.Profile(context.Source.SenderId));
    }
}

public sealed class MessagePageGraphType() : PageGraphType<MessageGraphType, MessageResponse>("MessagePage");

public sealed class ConversationGraphType : RecordGraphType<ConversationResponse>
{
    public ConversationGraphType()
    {
        Name = "Conversation";
        Field<ListingGraphType>("listing").Resolve(context => context.Listing(context.Source.ListingId));
        Field<NonNullGraphType<MessagePageGraphType>>("messages").Description("Newest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                PageRequest.Check<MessagesCursor>(first, context.GetArgument<string?>("after"), out var after, maxLimit: 100).ThrowIfFailed();
                return (await context.Service<Conversations>().MessagesAsync(context.Source.Id, context.Caller(), first, after, context.CancellationToken)).Unwrap();
            });
    }
}

public sealed class ConversationPageGraphType() : PageGraphType<ConversationGraphType, ConversationResponse>("ConversationPage");

public static class MessagingGraph
{
    public static void AddMessagingQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConversationPageGraphType>>("conversations").Description("Yours, most recent first, with unread counts.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var user = context.RequireUserId();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<MessagesCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<Conversations>().ListAsync(user, first, after, context.CancellationToken);
            });

    public static void AddMessagingMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<ScheduledMessageResponse>>>("addScheduledMessage")
            .Description("Host: a message sent to each confirmed guest of the listing at a moment, placeholders filled in.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<RecordInputGraphType<ScheduledMessageRequest>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var input = GraphContext.Valid(context.GetArgument<ScheduledMessageRequest>("input"));
                return (await context.Service<ScheduledMessages>().AddAsync(context.Id("listingId"), input, context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("deleteScheduledMessage").Description("Host: stop a scheduled message.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                (await context.Service<ScheduledMessages>().DeleteAsync(context.Id("listingId"), context.Id("id"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<ConversationGraphType>>("startConversation").Description("Ask a host about a listing (asking again continues the conversation); a host names a guest who booked or asked to book it.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<IdGraphType>("guestId")
            .ResolveAsync(async context =>
            {
                var caller = context.RequireUserId();
                var input = GraphContext.Valid(new StartConversationRequest(context.Id("listingId"), context.GetArgument<string>("text"), context.GetArgument<Guid?>("guestId")));
                await context.SpendAsync(RateLimitSetup.Messages);
                return (await context.Service<Conversations>().StartAsync(caller, input, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("markConversationRead").Description("Everything in it so far counts as read by you.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<Conversations>().MarkReadAsync(context.Id("id"), context.RequireUserId(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<MessageGraphType>>("sendMessage")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var input = GraphContext.Valid(new SendMessageRequest(context.GetArgument<string>("text")));
                await context.SpendAsync(RateLimitSetup.Messages);
                return (await context.Service<Conversations>().SendAsync(context.Id("conversationId"), input, context.Caller(), context.CancellationToken)).Unwrap();
            });
    }
}

/// <summary><c>Listing.scheduledMessages</c>: its host's (and admins'); FORBIDDEN for anyone else.</summary>
public sealed class ListingScheduledMessagesField : IGraphExtension<ListingGraphType>
{
    public void Extend(ListingGraphType type) =>
        type.Field<ListGraphType<NonNullGraphType<RecordGraphType<ScheduledMessageResponse>>>>("scheduledMessages")
            .Description("Messages sent to each confirmed guest at a moment (the listing's host and admins).")
            .ResolveAsync(async context => (await context.Service<ScheduledMessages>().ListAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
}
