using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Roost.Platform.GraphQL;
using Roost.Platform.RateLimits;

namespace Roost.Features.Accounts;

public sealed class MeGraphType : RecordGraphType<UserResponse>
{
    public MeGraphType()
    {
        Name = "Me";
        Description = "The signed-in user, with what only they see.";
    }
}

public sealed class UserGraphType : RecordGraphType<PublicProfile>
{
    public UserGraphType()
    {
        Name = "User";
        Description = "What anyone may see of a user.";
    }
}

public sealed class AuthPayloadGraphType : RecordGraphType<TokenResponse>
{
    public AuthPayloadGraphType() => Name = "AuthPayload";
}

public static class AccountGraph
{
    /// <summary>The public profiles of many users in one query: the host of each listing, the guest of each booking.</summary>
    public static IDataLoaderResult<PublicProfile?> Profile(this IResolveFieldContext context, Guid userId) =>
        context.Loaders().For<Guid, PublicProfile>("users", (ids, token) => context.Service<Profiles>().GetPublicManyAsync(ids, token)).Load(userId);

    public static void AddAccountQueries(this ObjectGraphType query) =>
        query.Field<MeGraphType>("me").Description("The signed-in user.")
            .ResolveAsync(async context => (await context.Service<Profiles>().GetMineAsync(context.RequireUserId(), context.CancellationToken)).Unwrap());

    public static void AddAccountMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AuthPayloadGraphType>>("register")
            .Argument<NonNullGraphType<RecordInputGraphType<RegisterRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<RegisterRequest>("input"));
                await context.SpendAsync(RateLimitSetup.Credentials);
                return (await context.Service<Registration>().RegisterAsync(input, ClientInfo.From(context.Http()), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<AuthPayloadGraphType>>("login")
            .Argument<NonNullGraphType<RecordInputGraphType<LoginRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<LoginRequest>("input"));
                await context.SpendAsync(RateLimitSetup.Credentials);
                return (await context.Service<SignIn>().LoginAsync(input, ClientInfo.From(context.Http()), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<AuthPayloadGraphType>>("refreshToken")
            .Argument<NonNullGraphType<StringGraphType>>("refreshToken")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(new RefreshRequest(context.GetArgument<string>("refreshToken")));
                await context.SpendAsync(RateLimitSetup.Credentials);
                return (await context.Service<SignIn>().RefreshAsync(input, ClientInfo.From(context.Http()), context.CancellationToken)).Unwrap();
            });
    }
}
