using CultureInfo = System.Globalization.CultureInfo;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Query.Adql.Schema;
using FinkTom.Query.Adql.Syntax;

namespace FinkTom.Query.Adql.Translation;

/// <summary>
/// ADQL syntax tree → <see cref="TapQuery"/> over one table of <see cref="TapCatalog"/>. Conditions keep SQL's meaning
/// with nulls: they are rewritten with NOT pushed down to the comparisons (<c>NOT (mag &lt; 18)</c> → <c>mag &gt;= 18</c>),
/// so a null column satisfies neither a comparison nor its negation, whatever the store's own null rules.
/// </summary>
public sealed class AdqlTranslator
{
    private readonly SelectStatement _statement;
    private readonly TapTable _table;
    private readonly Geometry _geometry;

    private AdqlTranslator(SelectStatement statement, TapTable table)
    {
        _statement = statement;
        _table = table;
        _geometry = new Geometry(table, Column);
    }

    /// <summary>Parses and translates a query.</summary>
    /// <exception cref="AdqlException">Invalid or unsupported; the message says which construct.</exception>
    public static TapQuery Translate(string adql) => Translate(AdqlParser.Parse(adql));

    /// <summary>Longest query text accepted, characters.</summary>
    public const int MaxLength = 100_000;

    /// <summary>Most values one IN list may hold (each is a store parameter).</summary>
    public const int MaxInValues = 1000;

    public static TapQuery Translate(SelectStatement statement)
    {
        var from = statement.From;
        var table = TapCatalog.Find(from.Schema, from.Name)
            ?? throw new AdqlException($"Unknown table '{from.FullName}'. Tables: {string.Join(", ", TapCatalog.DataTables.Concat(TapSchemaTables.All).Select(t => t.FullName))}.");
        return new AdqlTranslator(statement, table).Build();
    }

    private TapQuery Build()
    {
        var fields = Fields();
        var (where, cone) = Where();
        if (cone is not null && _table.Kind == TapTableKind.Metadata)
            throw new AdqlException($"{_table.FullName} has no position for CONTAINS or DISTANCE.");
        var order = _statement.OrderBy.Select(o => Order(o, fields, cone)).ToList();
        if (_statement.Top is > int.MaxValue || _statement.Offset is > int.MaxValue)
            throw new AdqlException($"TOP and OFFSET must be at most {int.MaxValue}.");
        return new TapQuery
        {
            Table = _table, Fields = fields, Where = where, Cone = cone, OrderBy = order, Top = _statement.Top, Offset = _statement.Offset ?? 0,
        };
    }

    private List<OutputField> Fields()
    {
        if (_statement.Items is null)
            return _table.Columns.Select(c => new OutputField(c.Name.Trim('"'), c.Type, c, null)).ToList();
        if (_statement.Items.Any(i => i.Value is FunctionCall { Name: "COUNT" }))
        {
            if (_statement.Items is not [{ Value: FunctionCall { Arguments: [Star] } } count])
                throw new AdqlException("COUNT is supported as SELECT COUNT(*) alone (no other columns, no COUNT(column)).");
            if (_statement.OrderBy.Count > 0)
                throw new AdqlException("ORDER BY has nothing to sort in a SELECT COUNT(*).");
            return [new OutputField(count.Alias ?? "count", ColumnType.Long, null, null) { IsCount = true }];
        }
        return _statement.Items.Select(item => item.Value switch
        {
            ColumnRef reference => Column(reference) is var c ? new OutputField(item.Alias ?? c.Name.Trim('"'), c.Type, c, null) : null!,
            FunctionCall { Name: "DISTANCE" } call => new OutputField(item.Alias ?? "distance", ColumnType.Double, null, _geometry.DistanceCentre(call)),
            var other => throw Unsupported(other, "in the select list"),
        }).ToList();
    }

    internal static AdqlException Unsupported(Expr expr, string where) => expr switch
    {
        FunctionCall call => new AdqlException($"The function {call.Name} is not supported {where}; FinkTom supports column names, and DISTANCE, CONTAINS, POINT and CIRCLE for cones."),
        BinaryExpr binary => new AdqlException($"Arithmetic ('{binary.Operator}') is not supported {where}; compare columns with literal values."),
        NumberLiteral or StringLiteral => new AdqlException($"A literal value ({AdqlPrinter.Print(expr)}) is not supported {where}; name a column."),
        _ => new AdqlException($"'{AdqlPrinter.Print(expr)}' is not supported {where}."),
    };

    internal TapColumn Column(ColumnRef reference)
    {
        if (reference.Qualifier is { } q && !q.Equals(_table.Name, StringComparison.OrdinalIgnoreCase)
            && !q.Equals(_statement.From.Alias ?? "", StringComparison.OrdinalIgnoreCase) && !q.Equals(_table.FullName, StringComparison.OrdinalIgnoreCase))
            throw new AdqlException($"'{q}.{reference.Name}': '{q}' is neither the table {_table.FullName} nor its alias.");
        return _table.Find(reference.Name, reference.Quoted)
            ?? throw new AdqlException($"Unknown column '{reference.Name}' in {_table.FullName}; TAP_SCHEMA.columns lists its columns.");
    }

    private (Predicate? Where, Core.Query.Cone? Cone) Where()
    {
        if (_statement.Where is not { } where)
            return (null, null);
        Core.Query.Cone? cone = null;
        Predicate? predicate = null;
        foreach (var conjunct in Conjuncts(where))
        {
            if (_geometry.TryCone(conjunct) is { } found)
            {
                cone = cone is null ? found : throw new AdqlException("Only one CONTAINS(...) = 1 or DISTANCE(...) < r may restrict a query.");
                continue;
            }
            var next = new Conditions(this).Positive(conjunct);
            predicate = predicate is null ? next : predicate & next;
        }
        if (predicate is not null && predicate.Depth() > MaxDepth)
            throw new AdqlException($"The WHERE clause nests AND/OR/NOT more than {MaxDepth} levels deep; write long lists of values with IN.");
        return (predicate, cone);
    }

    /// <summary>Deepest AND/OR/NOT nesting sent to a store (<see cref="Predicate.MaxDepth"/>).</summary>
    public const int MaxDepth = Predicate.MaxDepth;

    private static IEnumerable<Condition> Conjuncts(Condition condition) => condition is AndCondition and
        ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
        : [condition];

    private SortKey Order(OrderItem item, List<OutputField> fields, Core.Query.Cone? cone)
    {
        OutputField? field = item.Value switch
        {
            NumberLiteral { IsInteger: true } n => int.TryParse(n.Text, CultureInfo.InvariantCulture, out var i) && i >= 1 && i <= fields.Count
                ? fields[i - 1]
                : throw new AdqlException($"ORDER BY {n.Text}: there are {fields.Count} columns in the select list."),
            ColumnRef { Qualifier: null } r when _statement.Items is not null && fields.FirstOrDefault(f =>
                string.Equals(f.Name, r.Name, r.Quoted ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)) is { } named => named,
            ColumnRef r => Column(r) is var c ? new OutputField(c.Name, c.Type, c, null) : null,
            FunctionCall { Name: "DISTANCE" } call => new OutputField("distance", ColumnType.Double, null, _geometry.DistanceCentre(call)),
            var other => throw Unsupported(other, "in ORDER BY"),
        };
        if (field!.DistanceFrom is { } from)
        {
            if (_table.Kind != TapTableKind.Alerts)
                throw new AdqlException($"ORDER BY DISTANCE(...) is supported on alert tables only, not on {_table.FullName}.");
            if (cone is null || Math.Abs(cone.Ra - from.Ra) > 1e-12 || Math.Abs(cone.Dec - from.Dec) > 1e-12)
                throw new AdqlException("ORDER BY DISTANCE(...) needs a CONTAINS(...) = 1 or DISTANCE(...) < r around the same point in WHERE.");
            if (item.Descending)
                throw new AdqlException("ORDER BY DISTANCE(...) DESC is not supported; nearest first only.");
            return SortKey.Separation;
        }
        return new SortKey(field.Column!.StoreColumn, item.Descending);
    }
}
