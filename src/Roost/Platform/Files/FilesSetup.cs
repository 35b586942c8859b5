using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;

namespace Roost.Platform.Files;

public static class FilesSetup
{
    public static IHostApplicationBuilder AddRoostFiles(this IHostApplicationBuilder builder)
    {
        var root = builder.Configuration["Files:Root"] ?? Path.Combine(builder.Environment.ContentRootPath, ".roost", "files");
        builder.Services.AddSingleton<IFileStore>(new LocalDiskFileStore(root));
        return builder;
    }

    /// <summary>Stable public URLs for stored files; keys embed a fresh id, so the bytes behind a URL never change.</summary>
    public static void MapRoostMedia(this WebApplication app)
    {
        var contentTypes = new FileExtensionContentTypeProvider();
        app.MapGet("/media/{**key}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (string key, IFileStore files, HttpContext http) =>
        {
            var stream = FileKeys.IsValid(key) ? await files.OpenReadAsync(key, http.RequestAborted) : null;
            if (stream is null)
            {
                return TypedResults.Problem(title: "The file was not found.", statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            var contentType = contentTypes.TryGetContentType(key, out var type) ? type : "application/octet-stream";
            return TypedResults.Stream(stream, contentType);
        }).WithTags("Media").AllowAnonymous().ExcludeFromDescription();
    }
}
