using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Types;

namespace Roost.Platform.GraphQL;

/// <summary>
/// An output type read off a response record's properties — the records REST returns, so both doors show the same
/// fields: what JSON always leaves out (<c>[JsonIgnore]</c>) GraphQL leaves out too. Methods (factories such as <c>From</c>) are
/// not fields; features add computed fields explicitly.
/// </summary>
public class RecordGraphType<T> : AutoRegisteringObjectGraphType<T>
{
    public RecordGraphType() => Name = DefaultName();

    public RecordGraphType(params Expression<Func<T, object?>>[] excluded) : base(excluded) => Name = DefaultName();

    /// <summary>PhotoResponse is a Photo to a GraphQL client; CancelResponse a Cancellation.</summary>
    private static string DefaultName() => typeof(T).Name switch
    {
        "CancelResponse" => "Cancellation",
        var name when name.EndsWith("Response", StringComparison.Ordinal) => name[..^"Response".Length],
        var name => name,
    };

    /// <summary>A property JSON leaves out only while it is null (<c>WhenWritingNull</c>) is a nullable field here.</summary>
    protected override IEnumerable<MemberInfo> GetRegisteredMembers() =>
        base.GetRegisteredMembers().Where(m => m is PropertyInfo
            && m.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not { Condition: System.Text.Json.Serialization.JsonIgnoreCondition.Always });
}

/// <summary>
/// An input type read off a request record: the record REST binds, validated by <see cref="GraphContext.Valid"/>.
/// Named <c>XxxInput</c> (RegisterRequest → RegisterInput) so it never collides with an output type.
/// </summary>
public class RecordInputGraphType<T> : AutoRegisteringInputObjectGraphType<T>
{
    public RecordInputGraphType()
    {
        var name = typeof(T).Name;
        name = name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
        Name = name.EndsWith("Input", StringComparison.Ordinal) ? name : name + "Input";

        // A record parameter with a default (bool ResetOverrides = false) is optional, as it is in REST's JSON.
        var defaults = typeof(T).GetConstructors().SelectMany(c => c.GetParameters()).Where(p => p.HasDefaultValue && p.DefaultValue is not null)
            .GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().DefaultValue, StringComparer.OrdinalIgnoreCase);
        foreach (var field in Fields.Where(f => defaults.ContainsKey(f.Name)))
        {
            field.DefaultValue = defaults[field.Name];
        }
    }
}
