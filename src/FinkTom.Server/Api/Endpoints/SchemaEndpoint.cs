using FinkTom.Core.Model;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/schema</c> (and the pre-2025 name <c>/api/v1/columns</c>, wrapped in <c>{"fields": ...}</c>): every
/// column with its type and a description, in four families, each sorted by name (contract §2.5).
/// </summary>
public static class SchemaEndpoint
{
    public sealed record FieldInfo(object type, string doc);

    public static void MapSchema(this IEndpointRouteBuilder api)
    {
        api.MapGet("/schema", async Task<Results<Ok<SortedDictionary<string, SortedDictionary<string, FieldInfo>>>, ProxyResult>> (
            FinkProxy proxy, HttpContext http, CancellationToken ct) =>
            await proxy.SchemaAsync(http, ct) is { } proxied ? proxied : TypedResults.Ok(Build())).WithSummary("Column names, types and descriptions");
        api.MapGet("/columns", () => TypedResults.Ok(new Dictionary<string, object> { ["fields"] = Build() }))
            .WithSummary("Old name of /api/v1/schema");
    }

    public static SortedDictionary<string, SortedDictionary<string, FieldInfo>> Build() => new(StringComparer.Ordinal)
    {
        ["ZTF original fields (i:)"] = Section(ColumnCatalog.ZtfColumns.Select(c => (c.Name, AvroType(c)))),
        ["ZTF original cutouts (b:)"] = Section(CutoutNames.Select(n => (n, (object)"array"))),
        ["Fink science module outputs (d:)"] = Section(ColumnCatalog.FinkColumns.Select(c => (c.Name, (object)c.Type.AvroName()))
            .Append((QueryTimeColumns.Tag.Name, "string"))),
        ["Fink on-the-fly added values (v:)"] = Section(QueryTimeColumns.Names
            .Where(n => n != QueryTimeColumns.Separation.Name)
            .Select(n => (n, (object)QueryTimeColumns.Find(n)!.Type.AvroName()))),
    };

    private static readonly string[] CutoutNames =
        ["b:cutoutScience_stampData", "b:cutoutTemplate_stampData", "b:cutoutDifference_stampData"];

    // The Avro type as ZTF's schema writes it: "double", or ["null", "float"] for a nullable field.
    private static object AvroType(ColumnDef column) =>
        column.Nullable ? new[] { "null", column.Type.AvroName() } : column.Type.AvroName();

    private static SortedDictionary<string, FieldInfo> Section(IEnumerable<(string Name, object Type)> fields)
    {
        var section = new SortedDictionary<string, FieldInfo>(StringComparer.Ordinal);
        foreach (var (name, type) in fields)
            section[name[(name.IndexOf(':') + 1)..]] = new FieldInfo(type, ColumnDocs.For(name));
        return section;
    }
}
