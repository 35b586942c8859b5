using System.Reflection;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Mvc;

namespace Roost.Platform.GraphQL;

/// <summary>
/// <c>/graphql</c> by the GraphQL-over-HTTP specification: POST with a JSON body, GET with query-string parameters for
/// queries only (a mutation over GET is 405), answers as <c>application/graphql-response+json</c> — 200 once the
/// operation ran (field errors included), 400 when the request or document is refused before running. A browser
/// asking for HTML gets the explorer.
/// </summary>
public static class GraphQLEndpoint
{
    public const string ResponseType = "application/graphql-response+json";
    public const int MaxRequestBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapRoostGraphQL<TSchema>(this IEndpointRouteBuilder app) where TSchema : ISchema
    {
        app.MapPost("/graphql", PostAsync<TSchema>).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes)).ExcludeFromDescription();
        app.MapGet("/graphql", GetAsync<TSchema>).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/graphql/explorer/{file}", Asset).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task PostAsync<TSchema>(HttpContext http, IGraphQLTextSerializer serializer, IDocumentExecuter<TSchema> executer) where TSchema : ISchema
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(http, serializer, StatusCodes.Status415UnsupportedMediaType, "Send the request as JSON (Content-Type: application/json).", "INVALID_CONTENT_TYPE");
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            await RefuseAsync(http, serializer, StatusCodes.Status400BadRequest, "The body is not a GraphQL request: expected JSON {\"query\", \"variables\", \"operationName\"}.", "INVALID_REQUEST");
            return;
        }

        await ExecuteAsync(http, serializer, executer, request, allowMutation: true);
    }

    private static async Task GetAsync<TSchema>(HttpContext http, IGraphQLTextSerializer serializer, IDocumentExecuter<TSchema> executer) where TSchema : ISchema
    {
        var query = http.Request.Query["query"].ToString();
        if (query.Length == 0 && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value == "text/html"))
        {
            await WriteAssetAsync(http, "index.html");
            return;
        }

        Inputs? variables;
        try
        {
            variables = http.Request.Query["variables"].ToString() is { Length: > 0 } json ? serializer.Deserialize<Inputs>(json) : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            await RefuseAsync(http, serializer, StatusCodes.Status400BadRequest, "The variables parameter is not a JSON object.", "INVALID_REQUEST");
            return;
        }

        var request = new GraphQLRequest { Query = query, Variables = variables, OperationName = http.Request.Query["operationName"].ToString() is { Length: > 0 } name ? name : null };
        await ExecuteAsync(http, serializer, executer, request, allowMutation: false);
    }

    private static async Task ExecuteAsync<TSchema>(HttpContext http, IGraphQLTextSerializer serializer, IDocumentExecuter<TSchema> executer, GraphQLRequest? request, bool allowMutation)
        where TSchema : ISchema
    {
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await RefuseAsync(http, serializer, StatusCodes.Status400BadRequest, "The request has no query.", "INVALID_REQUEST");
            return;
        }

        if (!allowMutation && IsMutation(request.Query, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await RefuseAsync(http, serializer, StatusCodes.Status405MethodNotAllowed, "Mutations are sent with POST; GET serves queries only.", "METHOD_NOT_ALLOWED");
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            User = http.User,
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
        });
        // A client that accepts only the older application/json gets it, with 200 for a document refused before
        // running, as the specification asks for that media type; everyone else the newer type and a 400.
        var legacy = AcceptsOnlyJson(http.Request);
        http.Response.StatusCode = result.Executed || legacy ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = legacy ? "application/json; charset=utf-8" : ResponseType;
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static bool AcceptsOnlyJson(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        return accepted.Count > 0
            && accepted.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && !accepted.Any(a => a.MediaType.Equals(ResponseType, StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.Ordinal));
    }

    /// <summary>Only the operation that would run matters; a document that does not parse is left to the executor's error.</summary>
    private static bool IsMutation(string query, string? operationName)
    {
        try
        {
            var operations = GraphQLParser.Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var chosen = operationName is null ? (operations.Count == 1 ? operations[0] : null) : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
            return chosen?.Operation == OperationType.Mutation || (chosen is null && operations.Any(o => o.Operation == OperationType.Mutation));
        }
        catch (GraphQLSyntaxErrorException)
        {
            return false;
        }
    }

    private static async Task RefuseAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string message, string code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = AcceptsOnlyJson(http.Request) ? "application/json; charset=utf-8" : ResponseType;
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static readonly Dictionary<string, string> AssetTypes = new()
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["graphiql.min.js"] = "text/javascript",
        ["graphiql.min.css"] = "text/css",
        ["react.production.min.js"] = "text/javascript",
        ["react-dom.production.min.js"] = "text/javascript",
    };

    private static Task Asset(HttpContext http, string file) =>
        AssetTypes.ContainsKey(file) ? WriteAssetAsync(http, file) : Results.NotFound().ExecuteAsync(http);

    private static async Task WriteAssetAsync(HttpContext http, string file)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Roost.GraphQLExplorer.{file}")!;
        http.Response.ContentType = AssetTypes[file];
        http.Response.Headers.CacheControl = file == "index.html" ? "no-cache" : "public, max-age=86400";
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
