using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Notifications;

public sealed class NotificationGraphType : RecordGraphType<NotificationResponse>
{
    public NotificationGraphType() : base(n => n.Data)
    {
        Name = "Notification";
        Field<NonNullGraphType<StringGraphType>>("data").Description("Ids the client can follow (bookingId, conversationId …), as a JSON object.")
            .Resolve(context => context.Source.Data.GetRawText());
    }
}

public sealed class NotificationPageGraphType : ObjectGraphType<NotificationPage>
{
    public NotificationPageGraphType()
    {
        Name = "NotificationPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationGraphType>>>>("items").Resolve(context => context.Source.Items);
        Field(p => p.NextCursor, nullable: true);
        Field(p => p.UnreadCount);
    }
}

public static class NotificationGraph
{
    public static void AddNotificationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<RecordGraphType<EmailPreferencesResponse>>>("emailPreferences")
            .Description("Which kinds of e-mail you get (messages, reminders, reviews); the rest always go.")
            .ResolveAsync(async context => await context.Service<EmailPreferences>().GetAsync(context.RequireUserId(), context.CancellationToken));
        query.Field<NonNullGraphType<NotificationPageGraphType>>("notifications").Description("Yours, newest first, with the unread count.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var user = context.RequireUserId();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<NotificationsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<Inbox>().ListAsync(user, first, after, context.CancellationToken);
            });
    }

    public static void AddNotificationMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<BooleanGraphType>>("markNotificationRead")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<Inbox>().MarkReadAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<IntGraphType>>("markAllNotificationsRead").Description("Every notification so far becomes read; answers how many were unread.")
            .ResolveAsync(async context => (await context.Service<Inbox>().MarkAllReadAsync(context.RequireUserId(), context.CancellationToken)).Marked);
        mutation.Field<NonNullGraphType<RecordGraphType<EmailPreferencesResponse>>>("changeEmailPreferences")
            .Description("Turn kinds of e-mail off (false) or on (true); only the kinds given change.")
            .Argument<NonNullGraphType<RecordInputGraphType<EmailPreferencesChange>>>("input")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                var change = GraphContext.Valid(context.GetArgument<EmailPreferencesChange>("input"));
                return (await context.Service<EmailPreferences>().ChangeAsync(userId, change, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<RecordGraphType<UnsubscribeResponse>>>("unsubscribeEmails")
            .Description("What an e-mail's unsubscribe link does: turns that kind of e-mail off, no sign-in needed.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async context =>
                (await context.Service<EmailPreferences>().UnsubscribeAsync(context.GetArgument<string>("token"), context.CancellationToken)).Unwrap());
    }
}
