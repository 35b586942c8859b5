using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Roost.Platform.Auth;
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

public sealed class AccessTokenGraphType : RecordGraphType<AccessTokenResponse>
{
    public AccessTokenGraphType() => Name = "AccessToken";
}

public sealed class SessionGraphType : RecordGraphType<SessionResponse>
{
    public SessionGraphType()
    {
        Name = "Session";
        Description = "A device signed in to the account.";
    }
}

public static class AccountGraph
{
    /// <summary>The public profiles of many users in one query: the host of each listing, the guest of each booking.</summary>
    public static IDataLoaderResult<PublicProfile?> Profile(this IResolveFieldContext context, Guid userId) =>
        context.Loaders().For<Guid, PublicProfile>("users", (ids, token) => context.Service<Profiles>().GetPublicManyAsync(ids, token)).Load(userId);

    public static void AddAccountQueries(this ObjectGraphType query)
    {
        query.Field<MeGraphType>("me").Description("The signed-in user.")
            .ResolveAsync(async context => (await context.Service<Profiles>().GetMineAsync(context.RequireUserId(), context.CancellationToken)).Unwrap());
        query.Field<UserGraphType>("user").Description("A user's public profile.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context => (await context.Service<Profiles>().GetPublicAsync(context.Id("id"), context.CancellationToken)).Unwrap());
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionGraphType>>>>("mySessions").Description("The devices signed in to your account.")
            .ResolveAsync(async context => await context.Service<UserSessions>().ListActiveAsync(context.RequireUserId(), context.Caller().SessionId(), context.CancellationToken));
    }

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
        mutation.Field<NonNullGraphType<MeGraphType>>("updateProfile")
            .Argument<NonNullGraphType<RecordInputGraphType<UpdateProfileRequest>>>("input")
            .ResolveAsync(async context => (await context.Service<Profiles>().UpdateMineAsync(
                context.RequireUserId(), GraphContext.Valid(context.GetArgument<UpdateProfileRequest>("input")), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<MeGraphType>>("removeProfilePhoto").Description("Remove your profile photo (uploading one is REST only: PUT /api/v1/me/photo, a multipart file).")
            .ResolveAsync(async context => await context.Service<ProfilePhotos>().RemoveAsync(context.RequireUserId(), context.CancellationToken));
        mutation.Field<NonNullGraphType<AccessTokenGraphType>>("becomeHost").Description("Adds the host role; answers a new access token that carries it.")
            .ResolveAsync(async context => (await context.Service<Profiles>().BecomeHostAsync(context.RequireUserId(), context.Caller().SessionId(), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<BooleanGraphType>>("logout").Description("Ends the current session.")
            .ResolveAsync(async context =>
            {
                await context.Service<SignIn>().LogoutAsync(context.RequireUserId(), context.Caller().SessionId(), context.CancellationToken);
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("endSession").Description("Signs a device out; its tokens stop working at once.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                (await context.Service<UserSessions>().EndAsync(context.RequireUserId(), context.Id("id"), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("changePassword").Description("Changes your password; your other devices are signed out.")
            .Argument<NonNullGraphType<RecordInputGraphType<ChangePasswordRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<ChangePasswordRequest>("input"));
                var userId = context.RequireUserId();
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<Passwords>().ChangeAsync(userId, context.Caller().SessionId(), input, context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<RecordGraphType<TwoFactorSetup>>>("beginTwoFactor").Description("A secret for your authenticator app; nothing changes until confirmTwoFactor.")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                await context.SpendAsync(RateLimitSetup.Credentials);
                return (await context.Service<TwoFactorAuth>().BeginAsync(userId, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<RecordGraphType<TwoFactorRecoveryCodes>>>("confirmTwoFactor").Description("Turns two-step sign-in on with a code from the app; the recovery codes are shown once.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                var input = GraphContext.Valid(new TwoFactorCodeRequest(context.GetArgument<string>("code")));
                await context.SpendAsync(RateLimitSetup.Credentials);
                return (await context.Service<TwoFactorAuth>().ConfirmAsync(userId, input.Code, context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("turnOffTwoFactor").Description("Turns two-step sign-in off; the password is required.")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                var input = GraphContext.Valid(new TwoFactorOffRequest(context.GetArgument<string>("password")));
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<TwoFactorAuth>().TurnOffAsync(userId, input.Password, context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("requestPasswordReset")
            .Description("E-mails a link to choose a new password; answers true whether or not the address has an account.")
            .Argument<NonNullGraphType<RecordInputGraphType<ForgotPasswordRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<ForgotPasswordRequest>("input"));
                await context.SpendAsync(RateLimitSetup.Credentials);
                await context.Service<Passwords>().RequestResetAsync(input, context.CancellationToken);
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("resetPassword").Description("Chooses a new password with the e-mailed link's token; every device is signed out.")
            .Argument<NonNullGraphType<RecordInputGraphType<ResetPasswordRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<ResetPasswordRequest>("input"));
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<Passwords>().ResetAsync(input, context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("changeEmail")
            .Description("Asks to change your e-mail address; it changes once you open the link mailed to the new one.")
            .Argument<NonNullGraphType<RecordInputGraphType<ChangeEmailRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<ChangeEmailRequest>("input"));
                var userId = context.RequireUserId();
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<EmailChanges>().RequestAsync(userId, input, context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("resendEmailVerification").Description("Mails the link that confirms your address again.")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<EmailChanges>().ResendVerificationAsync(userId, context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("confirmEmailChange").Description("Confirms an address with the mailed link's token: the sign-up one, or a new one, which then becomes the account's.")
            .Argument<NonNullGraphType<RecordInputGraphType<ConfirmEmailChangeRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<ConfirmEmailChangeRequest>("input"));
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<EmailChanges>().ConfirmAsync(input, context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("closeAccount")
            .Description("Closes your account and erases its personal data; refused while stays or listings are still open.")
            .Argument<NonNullGraphType<RecordInputGraphType<CloseAccountRequest>>>("input")
            .ResolveAsync(async context =>
            {
                var input = GraphContext.Valid(context.GetArgument<CloseAccountRequest>("input"));
                var userId = context.RequireUserId();
                await context.SpendAsync(RateLimitSetup.Credentials);
                (await context.Service<AccountClosure>().CloseAsync(userId, input, context.CancellationToken)).ThrowIfFailed();
                return true;
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
