using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Query.Adql.Schema;

namespace FinkTom.Query.Adql.Translation;

/// <summary>One column of a query's answer: a table column (possibly renamed by AS), or the angular distance
/// DISTANCE(...) to a fixed point, in degrees.</summary>
public sealed record OutputField(string Name, ColumnType Type, TapColumn? Column, (double Ra, double Dec)? DistanceFrom)
{
    /// <summary>The row count of <c>SELECT COUNT(*)</c>, which the store computes.</summary>
    public bool IsCount { get; init; }

    public string? Unit => DistanceFrom is null ? Column?.Unit : "deg";
    public string? Ucd => IsCount ? "meta.number" : DistanceFrom is null ? Column?.Ucd : "pos.angDistance";
    public string Description => IsCount ? "Number of rows that match." : DistanceFrom is { } p ? $"Angular distance to (ra {p.Ra}, dec {p.Dec}), degrees." : Column?.Description ?? "";
}

/// <summary>
/// An ADQL query translated for the store: the table, the answer's columns and the backend-neutral criteria
/// (<see cref="Predicate"/>, <see cref="Cone"/>, <see cref="SortKey"/>s, TOP and OFFSET). <see cref="AlertQuery"/> and
/// <see cref="ObjectQuery"/> build the store's query from it; TAP_SCHEMA tables are filtered in memory (they are small).
/// </summary>
public sealed class TapQuery
{
    public required TapTable Table { get; init; }
    public required IReadOnlyList<OutputField> Fields { get; init; }
    public Predicate? Where { get; init; }

    /// <summary>From CONTAINS(POINT, CIRCLE) = 1 or DISTANCE(...) &lt; r, ANDed at the top of WHERE.</summary>
    public Cone? Cone { get; init; }

    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    public long? Top { get; init; }

    /// <summary><c>SELECT COUNT(*)</c>: one row, the number of matches.</summary>
    public bool IsCount => Fields is [{ IsCount: true }];
    public long Offset { get; init; }

    /// <summary>The store columns the answer needs (catalogue or object-summary names).</summary>
    public IReadOnlyList<string> StoreColumns => Fields.Where(f => f.Column is not null).Select(f => f.Column!.StoreColumn)
        .Concat(Fields.Any(f => f.DistanceFrom is not null) && Table.Position is { } p ? [p.Ra.StoreColumn, p.Dec.StoreColumn] : [])
        .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The alert store's query, reading at most <paramref name="limit"/> rows.</summary>
    public AlertQuery ToAlertQuery(int limit) => new()
    {
        Cone = Cone,
        Where = Where,
        Columns = StoreColumns,
        OrderBy = OrderBy,
        Limit = limit,
        Offset = checked((int)Offset),
    };

    /// <summary>The object-summary store's query; a cone becomes a bounding box on ra/dec here (the summaries have no
    /// sky index), and the caller keeps the rows inside <see cref="Cone"/>, so the limit is applied by the caller then.</summary>
    public ObjectQuery ToObjectQuery(int limit) => new()
    {
        Where = Cone is { } cone ? ConeBox.Around(cone, Table) is { } box ? (Where is null ? box : Where & box) : Where : Where,
        OrderBy = OrderBy,
        Limit = Cone is null ? limit : null,
        Offset = Cone is null ? checked((int)Offset) : 0,
    };
}
