using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Platform.GraphQL;

public sealed class GraphQLLimits
{
    public const string Section = "GraphQL";

    /// <summary>Deepest selection allowed; deeper documents are refused before they run.</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>Budget of estimated field resolutions (lists count by their <c>first</c> argument).</summary>
    public int MaxComplexity { get; set; } = 20_000;
}

public static class GraphQLSetup
{
    private const string HttpContextKey = "http";

    public static IHostApplicationBuilder AddRoostGraphQL<TSchema>(this IHostApplicationBuilder builder) where TSchema : Schema
    {
        var limits = builder.Configuration.GetSection(GraphQLLimits.Section).Get<GraphQLLimits>() ?? new GraphQLLimits();
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddScoped<BatchLoaders>();
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<TSchema>()
            // Objects in an error's data (a quote's new total) read as REST writes them: camelCase.
            .AddSystemTextJson(json => json.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase)
            .AddClrTypeMappings(typeof(TSchema).Assembly)
            .AddAutoClrMappings(mapInputTypes: true, mapOutputTypes: true)
            .AddGraphTypes(typeof(TSchema).Assembly)
            // One DbContext per request serves every resolver: fields run one at a time, and batch loaders still
            // gather a whole level before they query.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddComplexityAnalyzer(complexity =>
            {
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
                // The explorer's introspection query is 13 levels deep, and the schema bounds what it can return.
                complexity.ValidateComplexityDelegate = context =>
                {
                    if (IsIntrospectionOnly(context.ValidationContext.Operation))
                    {
                        context.Error = null;
                    }

                    return Task.CompletedTask;
                };
            })
            .AddErrorInfoProvider(errors =>
            {
                // Stack traces help on a developer's machine and nowhere else.
                errors.ExposeExceptionDetails = development;
                errors.ExposeCodes = false;
                errors.ExposeData = true;
            })
            .AddUnhandledExceptionHandler(context =>
            {
                // A string argument that is not a validated input record (a search's location, say) meets PostgreSQL
                // with its NUL: that is the caller's mistake, told as REST tells it.
                if (NulCharacter.IsDatabaseRefusal(context.OriginalException))
                {
                    context.Exception = GraphContext.Error(Failure.Validation("input", $"A text value {NulCharacter.Problem}"));
                    return;
                }

                // GetArgument failing to read a malformed value (an id in an input object, a list of ids) happens
                // inside the resolver, yet it is the caller's input, as REST's route constraints treat it.
                if (IsArgumentConversion(context.OriginalException))
                {
                    context.Exception = GraphContext.Error(Failure.Validation("input", $"An argument could not be read: {context.OriginalException.Message}"));
                    return;
                }

                if (context.OriginalException.IsDatabaseUnavailable())
                {
                    context.Exception = GraphContext.Error(new Failure(StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "The database is unavailable just now.", "Retry in a few seconds."));
                }

                context.Context?.RequestServices?.GetRequiredService<ILoggerFactory>().CreateLogger("Roost.GraphQL")
                    .LogError(context.OriginalException, "GraphQL resolver failed");
            })
            .ConfigureExecutionOptions(options =>
            {
                if (options.RequestServices?.GetService<IHttpContextAccessor>()?.HttpContext is { } http)
                {
                    options.UserContext[HttpContextKey] = http;
                }
            }));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient(typeof(AutoRegisteringObjectGraphType<>), typeof(RecordGraphType<>));
        builder.Services.AddTransient(typeof(AutoRegisteringInputObjectGraphType<>), typeof(RecordInputGraphType<>));
        return builder;
    }

    /// <summary>
    /// Whether the exception is GraphQL.NET converting an argument (its <c>GraphQL</c> namespace: GetArgument, the
    /// value converter) or the parse it delegates to. Frames, not text: the JIT inlines some of these methods into
    /// others once a process is warm, so no single one is sure to be on the stack.
    /// </summary>
    private static bool IsArgumentConversion(Exception exception) =>
        exception is FormatException or OverflowException
        && new System.Diagnostics.StackTrace(exception).GetFrames().Any(frame => frame.GetMethod()?.DeclaringType is { } type
            && (type.Namespace == "GraphQL" || type == typeof(Guid) || type.FullName == "System.Number"));

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(s => s is GraphQLField field && field.Name.StringValue.StartsWith("__", StringComparison.Ordinal));

    public static HttpContext Http(this IResolveFieldContext context) => (HttpContext)context.UserContext[HttpContextKey]!;
}
