using System.Runtime.CompilerServices;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Query.OData;
using FinkTom.Server.Api;

namespace FinkTom.Server.OData;

/// <summary>Where an entity set's rows come from, and how it pages when the client gives no <c>$orderby</c>.</summary>
internal interface IFeedSource<T>
{
    FeedSet<T> Set { get; }

    /// <summary>The column keyset paging walks up (the order the store gives with no sort key), or null for offset paging.</summary>
    string? KeysetColumn { get; }

    /// <summary>Columns every row has a value in: a single <c>$orderby</c> on one of them still pages by keyset.</summary>
    IReadOnlySet<string> KeysetSortColumns { get; }

    /// <summary>The value of a sort column in a row, and its inverse from token text.</summary>
    object? SortValue(T row, string column);

    object ParseSortValue(string column, string text);

    /// <summary>Order when the client gives none.</summary>
    IReadOnlyList<SortKey> DefaultOrder { get; }

    /// <summary>Whether <c>separation</c> exists here (Cone results).</summary>
    bool HasSeparation { get; }

    string KeyText(T row);

    object KeyValue(string text);

    Task<long> CountAsync(Predicate? where, CancellationToken cancellationToken);

    IAsyncEnumerable<T> ReadAsync(Predicate? where, IReadOnlyList<SortKey> orderBy, int offset, int limit,
        IReadOnlyList<FeedProperty<T>> selected, CancellationToken cancellationToken);
}

/// <summary>A survey's alerts from its store (ZTF's Alerts, Rubin's LsstSources), optionally scoped to some objects or to a
/// cone (then nearest first by default).</summary>
internal sealed class AlertSource : IFeedSource<AlertRow>
{
    private readonly IAlertReader _store;
    private readonly Survey _survey;
    private readonly IReadOnlyList<string>? _objectIds;
    private readonly Cone? _cone;

    /// <summary>ZTF's alerts, the <see cref="AlertFeed"/> set.</summary>
    public AlertSource(IAlertReader store, IReadOnlyList<string>? objectIds = null, Cone? cone = null)
        : this(Survey.Ztf, AlertFeed.Set, store, objectIds, cone)
    {
    }

    public AlertSource(Survey survey, FeedSet<AlertRow> set, IAlertReader store, IReadOnlyList<string>? objectIds = null, Cone? cone = null)
    {
        (_survey, Set, _store, _objectIds, _cone) = (survey, set, store, objectIds, cone);
        // The store always has these: the key, time and position every alert is indexed by.
        KeysetSortColumns = new HashSet<string>([survey.AlertId.Name, survey.Time.Name, survey.Ra.Name, survey.Dec.Name]);
    }

    public FeedSet<AlertRow> Set { get; }

    public string? KeysetColumn => _cone is null ? _survey.AlertId.Name : null;

    public IReadOnlyList<SortKey> DefaultOrder => _cone is null ? [] : [SortKey.Separation];

    public IReadOnlySet<string> KeysetSortColumns { get; }

    public object? SortValue(AlertRow row, string column) => row.Alert[column];

    public object ParseSortValue(string column, string text) => SortText.Parse(_survey.Catalog.Get(column).Type, text);

    public bool HasSeparation => _cone is not null;

    public string KeyText(AlertRow row) => FeedValues.IdText(row.Alert.Id)!;

    public object KeyValue(string text) => FeedValues.ToId(text);

    public AlertQuery Query(Predicate? where) => new() { ObjectIds = _objectIds, Cone = _cone, Where = where };

    /// <summary>The store columns needed to write the selected properties (null: all), with the position a cone needs.</summary>
    public IReadOnlyList<string>? StoreColumns(IReadOnlyList<FeedProperty<AlertRow>>? selected) =>
        selected?.Where(p => p.Column is not null && p.Column != SortKey.SeparationColumn).Select(p => p.Column!)
            .Concat([_survey.Ra.Name, _survey.Dec.Name]).Distinct().ToList();

    public Task<long> CountAsync(Predicate? where, CancellationToken cancellationToken) => _store.CountAsync(Query(where), cancellationToken);

    public async IAsyncEnumerable<AlertRow> ReadAsync(Predicate? where, IReadOnlyList<SortKey> orderBy, int offset, int limit,
        IReadOnlyList<FeedProperty<AlertRow>> selected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Query(where) with { OrderBy = orderBy, Offset = offset, Limit = limit, Columns = StoreColumns(selected) };
        await foreach (var alert in _store.QueryAsync(query, cancellationToken))
            yield return new AlertRow(alert) { SeparationDeg = _cone is null ? null : SkyMath.SeparationDeg(_cone.Ra, _cone.Dec, alert.Ra, alert.Dec) };
    }
}

/// <summary>Object summaries from the store.</summary>
internal sealed class ObjectSource(IAlertReader store, IReadOnlyList<string>? objectIds = null) : IFeedSource<ObjectSummary>
{
    public FeedSet<ObjectSummary> Set => ObjectFeed.Set;

    public string? KeysetColumn => "objectId";

    public IReadOnlyList<SortKey> DefaultOrder => [];

    private static readonly HashSet<string> Present = ["objectId", "firstjd", "lastjd", "nalerts", "ra", "dec"];

    public IReadOnlySet<string> KeysetSortColumns => Present;

    public object? SortValue(ObjectSummary row, string column) => ObjectColumns.Get(column).Read(row);

    public object ParseSortValue(string column, string text) => SortText.Parse(ObjectColumns.Get(column).Type, text);

    public bool HasSeparation => false;

    public string KeyText(ObjectSummary row) => row.ObjectId;

    public object KeyValue(string text) => text;

    public Task<long> CountAsync(Predicate? where, CancellationToken cancellationToken) =>
        store.CountObjectsAsync(new ObjectQuery { ObjectIds = objectIds, Where = where }, cancellationToken);

    public IAsyncEnumerable<ObjectSummary> ReadAsync(Predicate? where, IReadOnlyList<SortKey> orderBy, int offset, int limit,
        IReadOnlyList<FeedProperty<ObjectSummary>> selected, CancellationToken cancellationToken) =>
        store.QueryObjectsAsync(new ObjectQuery { ObjectIds = objectIds, Where = where, OrderBy = orderBy, Offset = offset, Limit = limit }, cancellationToken);
}

/// <summary>A small in-memory reference table (Classes, Columns): filtered and sorted in memory, a few hundred rows at most.</summary>
internal sealed class ReferenceSource(FeedSet<string?[]> set, IReadOnlyList<string?[]> rows) : IFeedSource<string?[]>
{
    /// <summary>The rows of the <see cref="ReferenceFeeds.Classes"/> set: every class the API knows, and how to select it.</summary>
    public static IReadOnlyList<string?[]> ClassRows(ClassCatalog catalog) =>
        catalog.FinkClasses.Select(c => new string?[] { c, "Fink", "classification", c })
            .Concat(catalog.SimbadLabels.Select(l => new string?[] { "(SIMBAD) " + l, "SIMBAD", "classification", l }))
            .Concat(catalog.TnsTypes.Select(t => new string?[] { "(TNS) " + t, "TNS", "tns", t }))
            .ToList();

    public FeedSet<string?[]> Set => set;

    public string? KeysetColumn => null;

    public IReadOnlyList<SortKey> DefaultOrder => [new(set.Key.Column!)];

    public IReadOnlySet<string> KeysetSortColumns { get; } = new HashSet<string>();

    public object? SortValue(string?[] row, string column) => set.Find(column)!.Read(row);

    public object ParseSortValue(string column, string text) => text;

    public bool HasSeparation => false;

    public string KeyText(string?[] row) => (string)set.Key.Read(row)!;

    public object KeyValue(string text) => text;

    private IEnumerable<string?[]> Matching(Predicate? where) =>
        where is null ? rows : rows.Where(PredicateEvaluator.Compile<string?[]>(where, name => set.Find(name)!.Read));

    public Task<long> CountAsync(Predicate? where, CancellationToken cancellationToken) => Task.FromResult((long)Matching(where).Count());

    public async IAsyncEnumerable<string?[]> ReadAsync(Predicate? where, IReadOnlyList<SortKey> orderBy, int offset, int limit,
        IReadOnlyList<FeedProperty<string?[]>> selected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IOrderedEnumerable<string?[]>? sorted = null;
        foreach (var key in orderBy.Append(new SortKey(set.Key.Column!)))
        {
            var read = set.Find(key.Column)!.Read;
            Func<string?[], string?> by = row => (string?)read(row);
            sorted = sorted is null
                ? key.Descending ? Matching(where).OrderByDescending(by, StringComparer.Ordinal) : Matching(where).OrderBy(by, StringComparer.Ordinal)
                : key.Descending ? sorted.ThenByDescending(by, StringComparer.Ordinal) : sorted.ThenBy(by, StringComparer.Ordinal);
        }
        foreach (var row in sorted!.Skip(offset).Take(limit))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask;
    }
}

internal static class SortText
{
    public static object Parse(Core.Model.ColumnType type, string text)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            return type switch
            {
                Core.Model.ColumnType.Int or Core.Model.ColumnType.Long => long.Parse(text, invariant),
                Core.Model.ColumnType.Float or Core.Model.ColumnType.Double => double.Parse(text, invariant),
                _ => text,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ODataQueryException("This $skiptoken does not fit this $orderby; follow @odata.nextLink as given.", "$skiptoken");
        }
    }
}
