using GraphQL;
using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Errors;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Admin;

public sealed class UserModerationGraphType : RecordGraphType<UserModerationResponse>
{
    public UserModerationGraphType() => Name = "UserModeration";
}

public sealed class AuditPageGraphType() : PageGraphType<RecordGraphType<AuditEntryResponse>, AuditEntryResponse>("AuditPage");

public sealed class AccountPageGraphType() : PageGraphType<RecordGraphType<AccountSummary>, AccountSummary>("AccountPage");

public static class AdminGraph
{
    public static void AddAdminQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AccountPageGraphType>>("accounts")
            .Description("Admin: accounts whose e-mail address, first or last name starts with the query, newest first.")
            .Argument<StringGraphType>("query")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var text = context.GetArgument<string?>("query");
                if (text?.Length > AccountDirectory.MaxQueryLength)
                {
                    throw GraphContext.Error(Failure.Validation("query", $"At most {AccountDirectory.MaxQueryLength} characters."));
                }

                var first = context.GetArgument<int>("first");
                PageRequest.Check<AccountCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<AccountDirectory>().SearchAsync(text, first, after, context.CancellationToken);
            });
        query.Field<NonNullGraphType<AuditPageGraphType>>("auditLog").Description("Admin: who did what to whom and why, newest first.")
            .Argument<IdGraphType>("targetId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<AuditCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                Guid? target = context.GetArgument<string?>("targetId") is null ? null : context.Id("targetId");
                return await context.Service<AuditLog>().ListAsync(target, first, after, context.CancellationToken);
            });
    }

    public static void AddAdminMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UserModerationGraphType>>("suspendUser")
            .Description("Admin: the account cannot sign in, its sessions end, its listings leave the marketplace; with cancelUpcomingStays, its confirmed stays that have not begun (as host or guest) are cancelled and refunded in full.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<SuspendUserRequest>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var input = GraphContext.Valid(context.GetArgument<SuspendUserRequest>("input"));
                return (await context.Service<UserModeration>().SuspendAsync(context.Id("id"), context.Caller(), input, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<UserModerationGraphType>>("reinstateUser").Description("Admin: the account and the listings its suspension took down come back.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                return (await context.Service<UserModeration>().ReinstateAsync(context.Id("id"), adminId, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("resetTwoFactor").Description("Admin: turn a user's two-step sign-in off (lost phone and recovery codes); the user reads the reason.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<ResetTwoFactorRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                var input = GraphContext.Valid(context.GetArgument<ResetTwoFactorRequest>("input"));
                (await context.Service<AccountModeration>().ResetTwoFactorAsync(context.Id("id"), adminId, input.Reason.Trim(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<ListingGraphType>>("suspendListing").Description("Admin: take a listing off the marketplace; the host is told why.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<SuspendRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                var input = GraphContext.Valid(context.GetArgument<SuspendRequest>("input"));
                return (await context.Service<ListingModeration>().SuspendAsync(context.Id("id"), adminId, input.Reason.Trim(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<ListingGraphType>>("reinstateListing").Description("Admin: put a suspended listing back as it was.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                return (await context.Service<ListingModeration>().ReinstateAsync(context.Id("id"), adminId, context.CancellationToken)).Unwrap();
            });
    }
}
