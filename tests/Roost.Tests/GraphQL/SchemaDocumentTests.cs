using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Roost.GraphQL;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.GraphQL;

/// <summary>
/// docs/schema.graphql is the schema as the server prints it; CI fails when they drift apart.
/// <c>ROOST_WRITE_SCHEMA=1 ./roost test --filter SchemaDocument</c> rewrites the file after a deliberate change.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SchemaDocumentTests(RoostApp app)
{
    [Fact]
    public void The_checked_in_schema_is_the_one_served()
    {
        var schema = app.Services.GetRequiredService<RoostSchema>();
        schema.Initialize();
        var printed = schema.Print(new global::GraphQL.Utilities.PrintOptions { IncludeDescriptions = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot(), "docs", "schema.graphql");
        if (Environment.GetEnvironmentVariable("ROOST_WRITE_SCHEMA") == "1")
        {
            File.WriteAllText(path, printed);
        }

        File.Exists(path).ShouldBeTrue("docs/schema.graphql is missing: run ROOST_WRITE_SCHEMA=1 ./roost test --filter SchemaDocument");
        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(printed, "docs/schema.graphql differs from the served schema: run ROOST_WRITE_SCHEMA=1 ./roost test --filter SchemaDocument");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Roost.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Roost.slnx not found above the test binaries.");
    }
}
