using CultureInfo = System.Globalization.CultureInfo;
using NumberStyles = System.Globalization.NumberStyles;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Tns;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;
using FinkTom.Server.Proxy;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/resolver</c> (contract §2.11). <c>tns</c>: from the imported TNS catalogue (<c>finktom import-tns</c>),
/// forward by name prefix, reverse by internal (ZTF) name, case-insensitive. <c>simbad</c> reverse and <c>ssodnet</c>
/// (both ways) from the stored alerts' own <c>d:cdsxmatch</c> and <c>i:ssnamenr</c>. What only CDS Sesame or SsODNet
/// knows (a SIMBAD name; a Solar System name no stored alert carries) is relayed in proxy mode, else refused with a 404
/// that says an online service is needed.
/// </summary>
public static class ResolverEndpoint
{
    public const int DefaultRows = 10;
    public const int MaxRows = 10_000;

    public static readonly EndpointSpec Spec = new("/api/v1/resolver", "Resolve object names coming from SIMBAD, SSODNET or TNS",
    [
        new("resolver", "string", true, null, "simbad, ssodnet or tns."),
        new("name", "string", false, "", "Name to resolve (or, with reverse, a ZTF object id); empty lists the TNS catalogue."),
        new("reverse", "boolean", false, "False", "If True, from a ZTF object id to the other service's names."),
        new("nmax", "integer", false, DefaultRows.ToString(CultureInfo.InvariantCulture), $"Maximum number of rows, 1 to {MaxRows:N0}; ssodnet: 1 is an exact match, more a prefix search."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    private static readonly string[] Resolvers = ["simbad", "ssodnet", "tns"];

    public static RouteHandlerBuilder MapResolver(this IEndpointRouteBuilder api) =>
        api.MapMethods("/resolver", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult, NotFound<FinkError>>> Handle(
        HttpRequest request, IAlertReader store, ITnsCatalog tns, FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var resolver = reader.RequiredString("resolver");
        if (reader.Error is null && !Resolvers.Contains(resolver))
            reader.Fail("resolver", $"`resolver` must be simbad, ssodnet or tns, got '{resolver}'.", "");
        var name = reader.String("name") ?? "";
        var reverse = reader.Bool("reverse");
        var nmax = reader.Int("nmax", DefaultRows, 1, MaxRows);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is null && name.Length == 0 && resolver != "tns")
            reader.Fail("name", $"A value for `name` is required with resolver={resolver}.", "");
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        switch (resolver, reverse)
        {
            case ("tns", _):
                var rows = await tns.ResolveAsync(name, reverse, nmax, ct);
                return new TableHttpResult(TnsTable(rows), format);
            case ("simbad", true):
                return new TableHttpResult(await SimbadReverseAsync(store, name, ct), format);
            case ("ssodnet", _):
                var found = reverse ? await SsoOfObjectAsync(store, name, ct) : await SsoNamesAsync(store, name, nmax, ct);
                if (found.Count > 0 || reverse)
                    return new TableHttpResult(SsoTable(found), format);
                break;
        }
        if (await proxy.PassThroughAsync(request.HttpContext, "resolver", reader.Bag, ct) is { } proxied)
            return proxied;
        return TypedResults.NotFound(new FinkError(resolver == "simbad"
            ? $"Resolving '{name}' needs CDS Sesame, an online service: run FinkTom in proxy mode (Upstream:Url) to relay it to Fink."
            : $"No stored alert carries the Solar System object '{name}' (i:ssnamenr); resolving other names needs SsODNet, an online service: run FinkTom in proxy mode (Upstream:Url).",
            "name"));
    }

    private static ResultTable TnsTable(IReadOnlyList<TnsResolverRow> rows) => new(
    [
        new TableColumn("d:declination", ColumnType.Double), new TableColumn("d:fullname", ColumnType.String),
        new TableColumn("d:internalname", ColumnType.String), new TableColumn("d:ra", ColumnType.Double),
        new TableColumn("d:redshift", ColumnType.Double), new TableColumn("d:type", ColumnType.String),
    ], rows.Select(r => new object?[] { r.Dec, r.FullName, r.InternalName, r.Ra, r.Redshift, r.Type }));

    private static readonly string[] SimbadColumns = ["i:objectId", "d:cdsxmatch", "i:ra", "i:dec", "i:candid", "i:jd"];

    /// <summary>Fink's reverse SIMBAD answer: every alert of the object with its SIMBAD label, newest first.</summary>
    private static async Task<ResultTable> SimbadReverseAsync(IAlertReader store, string objectId, CancellationToken ct)
    {
        var columns = SimbadColumns.Select(ColumnCatalog.Get).ToList();
        var rows = new List<object?[]>();
        await foreach (var alert in store.QueryAsync(new AlertQuery { ObjectIds = [objectId], Columns = SimbadColumns, OrderBy = [SortKey.JdDescending] }, ct))
            rows.Add(columns.Select(c => alert[c]).ToArray());
        return new ResultTable(columns.Select(TableColumn.For).ToList(), rows);
    }

    /// <summary>The stored i:ssnamenr values matching a name: exact (any case, spaces ignored) for nmax = 1, by prefix above.</summary>
    private static async Task<List<string>> SsoNamesAsync(IAlertReader store, string name, int nmax, CancellationToken ct)
    {
        var compact = name.Replace(" ", "");
        var query = nmax == 1
            ? new AlertQuery { SsoNames = [.. new[] { name, compact, compact.ToUpperInvariant() }.Distinct()], Columns = ["i:ssnamenr"] }
            : new AlertQuery { Where = new StringMatchPredicate("i:ssnamenr", StringMatchKind.StartsWith, compact.ToUpperInvariant()), Columns = ["i:ssnamenr"] };
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var alert in store.QueryAsync(query, ct))
            if (alert.GetString(ColumnCatalog.SsNameNr) is { } ssnamenr && ssnamenr != "null")
                names.Add(ssnamenr);
        return names.Take(nmax).ToList();
    }

    private static async Task<List<string>> SsoOfObjectAsync(IAlertReader store, string objectId, CancellationToken ct)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var alert in store.QueryAsync(new AlertQuery { ObjectIds = [objectId], Columns = ["i:ssnamenr"] }, ct))
            if (alert.GetString(ColumnCatalog.SsNameNr) is { } ssnamenr && ssnamenr != "null")
                names.Add(ssnamenr);
        return [.. names];
    }

    /// <summary>Fink's ssodnet columns; the name proper is SsODNet's to give (null here), the number is the ssnamenr when it is one.</summary>
    private static ResultTable SsoTable(IReadOnlyList<string> ssnamenrs) => new(
    [
        new TableColumn("i:name", ColumnType.String), new TableColumn("i:number", ColumnType.Long), new TableColumn("i:ssnamenr", ColumnType.String),
    ], ssnamenrs.Select(s => new object?[] { null, long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null, s }));
}
