using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.RateLimits;

namespace Roost.Features.Accounts;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts");
        var credentials = auth.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimitSetup.Credentials);

        credentials.MapPost("/register", Register).WithSummary("Create an account and sign in");
        credentials.MapPost("/login", Login).WithSummary("Sign in with e-mail and password");
        credentials.MapPost("/refresh", Refresh).WithSummary("Trade a refresh token for new tokens (the old one is spent)");
        credentials.MapPost("/password-reset", RequestPasswordReset)
            .WithSummary("E-mail a link to choose a new password (202 whether or not the address has an account)");
        credentials.MapPost("/password-reset/confirm", ResetPassword)
            .WithSummary("Choose a new password with the e-mailed link's token; every device is signed out");
        credentials.MapPost("/email-change/confirm", ConfirmEmailChange)
            .WithSummary("Confirm an address with the token of the link mailed to it: the sign-up address, or a new one, which then becomes the account's");
        auth.MapPost("/logout", Logout).RequireAuthorization().WithSummary("End the current session");
        return api;
    }

    private static async Task<Results<Created<TokenResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, Registration registration, HttpContext http)
    {
        var outcome = await registration.RegisterAsync(request, ClientInfo.From(http), http.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/users/{outcome.Value!.User.Id}", outcome.Value)
            : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(LoginRequest request, SignIn signIn, HttpContext http)
    {
        var outcome = await signIn.LoginAsync(request, ClientInfo.From(http), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest request, SignIn signIn, HttpContext http)
    {
        var outcome = await signIn.RefreshAsync(request, ClientInfo.From(http), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Accepted> RequestPasswordReset(ForgotPasswordRequest request, Passwords passwords, HttpContext http)
    {
        await passwords.RequestResetAsync(request, http.RequestAborted);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetPassword(ResetPasswordRequest request, Passwords passwords, HttpContext http) =>
        await passwords.ResetAsync(request, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> ConfirmEmailChange(ConfirmEmailChangeRequest request, EmailChanges changes, HttpContext http) =>
        await changes.ConfirmAsync(request, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<NoContent> Logout(SignIn signIn, HttpContext http)
    {
        await signIn.LogoutAsync(http.User.UserId(), http.User.SessionId(), http.RequestAborted);
        return TypedResults.NoContent();
    }
}
