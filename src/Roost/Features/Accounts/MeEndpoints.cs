using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Files;
using Roost.Platform.RateLimits;

namespace Roost.Features.Accounts;

public static class MeEndpoints
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization();
        me.MapGet("", GetMe).WithSummary("Your profile");
        me.MapPatch("", UpdateMe).WithSummary("Change your names, phone or time zone");
        // Bearer tokens, not cookies, authenticate these: a cross-site form cannot forge them, so no antiforgery token.
        me.MapPut("/photo", UploadPhoto).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ProfilePhotos.MaxBytes + (64 * 1024)))
            .WithSummary("Your profile photo: a JPEG, PNG or WebP image of at most 5 MB (multipart field 'file'); replaces the one before");
        me.MapDelete("/photo", RemovePhoto).WithSummary("Remove your profile photo");
        me.MapPost("/password", ChangePassword).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Change your password (the current one is required); your other devices are signed out");
        me.MapPost("/email", ChangeEmail).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Change your e-mail address (the password is required); it changes once you open the link mailed to the new one");
        me.MapPost("/email/verification", ResendVerification).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Mail the link that confirms your address again (409 once it is confirmed)");
        me.MapPost("/close", Close).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Close your account: its personal data is erased (409 while stays or listings are still open)");
        me.MapPost("/two-factor", BeginTwoFactor).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Set up two-step sign-in: a secret for your authenticator app (nothing changes until you confirm a code)");
        me.MapPost("/two-factor/confirm", ConfirmTwoFactor).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Turn two-step sign-in on with a code from the app; answers recovery codes, shown once");
        me.MapPost("/two-factor/off", TurnOffTwoFactor).RequireRateLimiting(RateLimitSetup.Credentials)
            .WithSummary("Turn two-step sign-in off (the password is required)");
        me.MapPost("/host", BecomeHost).WithSummary("Become a host; answers a new access token with the host role");
        me.MapGet("/sessions", ListSessions).WithSummary("Your signed-in devices");
        me.MapDelete("/sessions/{id:guid}", EndSession).WithSummary("Sign a device out; its tokens stop working at once");
        return api;
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetMe(Profiles profiles, HttpContext http)
    {
        var outcome = await profiles.GetMineAsync(http.User.UserId(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UploadPhoto(HttpRequest request, ProfilePhotos photos, HttpContext http)
    {
        var (form, unreadable) = await UploadedImage.ReadFormAsync(request, http.RequestAborted);
        if (unreadable is not null)
        {
            return unreadable.ToProblem(http);
        }

        return (await photos.UploadAsync(http.User.UserId(), form!.Files.GetFile("file"), http.RequestAborted)).ToResult(http);
    }

    private static async Task<Ok<UserResponse>> RemovePhoto(ProfilePhotos photos, HttpContext http) =>
        TypedResults.Ok(await photos.RemoveAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateMe(
        UpdateProfileRequest request, Profiles profiles, HttpContext http)
    {
        var outcome = await profiles.UpdateMineAsync(http.User.UserId(), request, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<TwoFactorSetup>, ProblemHttpResult>> BeginTwoFactor(TwoFactorAuth twoFactor, HttpContext http) =>
        (await twoFactor.BeginAsync(http.User.UserId(), http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<TwoFactorRecoveryCodes>, ProblemHttpResult>> ConfirmTwoFactor(TwoFactorCodeRequest request, TwoFactorAuth twoFactor, HttpContext http) =>
        (await twoFactor.ConfirmAsync(http.User.UserId(), request.Code, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> TurnOffTwoFactor(TwoFactorOffRequest request, TwoFactorAuth twoFactor, HttpContext http) =>
        await twoFactor.TurnOffAsync(http.User.UserId(), request.Password, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, Passwords passwords, HttpContext http) =>
        await passwords.ChangeAsync(http.User.UserId(), http.User.SessionId(), request, http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.NoContent();

    private static async Task<Results<Accepted, ProblemHttpResult>> ChangeEmail(ChangeEmailRequest request, EmailChanges changes, HttpContext http) =>
        await changes.RequestAsync(http.User.UserId(), request, http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.Accepted((string?)null);

    private static async Task<Results<Accepted, ProblemHttpResult>> ResendVerification(EmailChanges changes, HttpContext http) =>
        await changes.ResendVerificationAsync(http.User.UserId(), http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.Accepted((string?)null);

    private static async Task<Results<NoContent, ProblemHttpResult>> Close(CloseAccountRequest request, AccountClosure closure, HttpContext http) =>
        await closure.CloseAsync(http.User.UserId(), request, http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.NoContent();

    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> BecomeHost(Profiles profiles, HttpContext http)
    {
        var outcome = await profiles.BecomeHostAsync(http.User.UserId(), http.User.SessionId(), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Ok<IReadOnlyList<SessionResponse>>> ListSessions(UserSessions sessions, HttpContext http) =>
        TypedResults.Ok(await sessions.ListActiveAsync(http.User.UserId(), http.User.SessionId(), http.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSession(Guid id, UserSessions sessions, HttpContext http) =>
        await sessions.EndAsync(http.User.UserId(), id, http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.NoContent();
}
