using System.Globalization;
using CsCheck;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Query.Adql.Schema;
using FinkTom.Query.Adql.Syntax;
using FinkTom.Query.Adql.Translation;
using FinkTom.Server.Vo.Tap;
using FinkTom.Tests.Fuzz;
using FinkTom.Tests.Support;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Api;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Vo;

/// <summary>
/// Random WHERE clauses (comparisons, BETWEEN, IN, LIKE, IS NULL, NOT, AND, OR, a CONTAINS cone) over the sample data:
/// what the real SQLite store answers through the translator equals SQL's three-valued logic evaluated row by row on the
/// syntax tree. Literals are taken from the data, so conditions match some rows and nulls are met.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdqlStoreAgreementTests(FinkTomFactory factory)
{
    private static readonly string[] AlertColumns =
        ["i:candid", "i:objectId", "i:magpsf", "i:fid", "i:jd", "d:classification", "i:ssnamenr", "i:ndethist", "i:ra", "i:dec", "i:drb", "d:roid", "d:tns"];

    private static readonly string[] SummaryColumns =
        ["objectId", "classification", "firstjd", "lastjd", "nalerts", "ra", "dec", "ndethist", "lastmag_g", "lastmag_r", "lastcandid"];

    [Fact]
    public async Task Alert_conditions_select_the_rows_SQL_logic_selects()
    {
        var runner = factory.Services.GetRequiredService<TapRunner>();
        await CheckAsync(runner, TapCatalog.ZtfAlerts, AlertColumns, AlertRows(await factory.AllAlertsAsync()), "candid", ci: 300);
    }

    [Fact]
    public async Task Object_conditions_select_the_rows_SQL_logic_selects()
    {
        var runner = factory.Services.GetRequiredService<TapRunner>();
        await CheckAsync(runner, TapCatalog.ZtfObjects, SummaryColumns, await SummaryRows(factory.Store), "objectId", ci: 300);
    }

    /// <summary>The same on the Elasticsearch store (talking HTTP to the in-memory stand-in): the translator's predicates
    /// and cones go through the Elasticsearch query DSL too.</summary>
    [Fact]
    public async Task On_Elasticsearch_alert_and_object_conditions_select_the_rows_SQL_logic_selects()
    {
        await using var standIn = await Elasticsearch.StandIn.ElasticsearchStandIn.StartAsync();
        var options = new ElasticsearchStoreOptions { Url = standIn.Url, IndexPrefix = "adql", Replicas = 0, ReadYourWrites = false };
        var store = new ElasticsearchAlertStore(ElasticsearchConnection.CreateClient(options), options);
        var alerts = await factory.AllAlertsAsync();
        await store.WriteAsync(alerts, TestContext.Current.CancellationToken);
        await store.RefreshAsync();
        var runner = new TapRunner(store, store);
        await CheckAsync(runner, TapCatalog.ZtfAlerts, AlertColumns, AlertRows(alerts), "candid", ci: 60);
        await CheckAsync(runner, TapCatalog.ZtfObjects, SummaryColumns, await SummaryRows(store), "objectId", ci: 60);
    }

    private static List<Func<string, object?>> AlertRows(List<Alert> alerts) =>
        alerts.Select(a => (Func<string, object?>)(name => a.Values[ColumnCatalog.Get(name).Ordinal])).ToList();

    private static async Task<List<Func<string, object?>>> SummaryRows(Core.Store.IAlertReader store)
    {
        var objects = new List<ObjectSummary>();
        await foreach (var o in store.QueryObjectsAsync(new ObjectQuery()))
            objects.Add(o);
        return objects.Select(o => (Func<string, object?>)(name => ObjectColumns.Get(name).Read(o))).ToList();
    }

    private static async Task CheckAsync(TapRunner runner, TapTable table, string[] storeColumns, List<Func<string, object?>> rows, string key, int ci)
    {
        var tapColumns = storeColumns.Select(n => table.Columns.First(c => c.StoreColumn == n)).ToArray();
        var keyColumn = table.Find(key, false)!;
        var leaf = Leaf(tapColumns, rows);
        var cone = Gen.Select(Gen.Int[0, rows.Count - 1], Gen.Double[-3, 1], (i, log) =>
        {
            var (ra, dec) = (rows[i](table.Position!.Value.Ra.StoreColumn), rows[i](table.Position!.Value.Dec.StoreColumn));
            return (Condition)new Comparison(new FunctionCall("CONTAINS",
            [
                new FunctionCall("POINT", [new StringLiteral("ICRS"), new ColumnRef(null, table.Position!.Value.Ra.Name, false), new ColumnRef(null, table.Position!.Value.Dec.Name, false)]),
                new FunctionCall("CIRCLE", [new StringLiteral("ICRS"), Number(ra), Number(dec), Number(Math.Pow(10, log))]),
            ]), "=", new NumberLiteral("1"));
        });
        var where = Gen.Select(Tree(leaf, 3), Gen.Frequency((2, Gen.Const((Condition?)null)), (1, cone.Select(c => (Condition?)c))),
            (condition, around) => around is null ? condition : new AndCondition(around, condition));
        await FuzzRun.CheckAsync(where, async condition =>
        {
            var statement = new SelectStatement(null, [new SelectItem(new ColumnRef(null, keyColumn.Name, false), null)],
                new TableRef(table.Schema, table.Name, null), condition, [], null);
            var query = AdqlTranslator.Translate(statement);
            var result = await runner.RunAsync(query, 1_000_000, TestContext.Current.CancellationToken);
            var actual = result.Table.Rows.Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
            var expected = rows.Where(r => SqlReference.Evaluate(condition, table, r) == true)
                .Select(r => Convert.ToString(r(keyColumn.StoreColumn), CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
        }, ci, print: c => AdqlPrinter.Print(c), threads: 1);
    }

    private static Gen<Condition> Tree(Gen<Condition> leaf, int depth) => depth == 0 ? leaf : Gen.Frequency(
        (3, leaf),
        (1, Gen.Select(Tree(leaf, depth - 1), Tree(leaf, depth - 1), (a, b) => (Condition)new AndCondition(a, b))),
        (1, Gen.Select(Tree(leaf, depth - 1), Tree(leaf, depth - 1), (a, b) => (Condition)new OrCondition(a, b))),
        (1, Tree(leaf, depth - 1).Select(c => (Condition)new NotCondition(c))));

    private static Gen<Condition> Leaf(TapColumn[] columns, List<Func<string, object?>> rows)
    {
        var column = Gen.OneOf(columns);
        Gen<Expr> LiteralOf(TapColumn c) => Gen.Int[0, rows.Count - 1].Select(i => rows[i](c.StoreColumn)).Select(v => v switch
        {
            null or double.NaN or float.NaN => c.Type == ColumnType.String ? (Expr)new StringLiteral("") : new NumberLiteral("0"),
            string s => new StringLiteral(s),
            _ => Number(v),
        });
        var op = Gen.OneOf("=", "<>", "<", "<=", ">", ">=");
        return Gen.OneOf(
            column.SelectMany(c => Gen.Select(LiteralOf(c), op, Gen.Bool, (v, o, flip) => flip
                ? (Condition)new Comparison(v, o, Ref(c))
                : new Comparison(Ref(c), o, v))),
            column.SelectMany(c => Gen.Select(LiteralOf(c), LiteralOf(c), Gen.Bool, (a, b, n) => (Condition)new BetweenCondition(Ref(c), a, b, n))),
            column.SelectMany(c => Gen.Select(LiteralOf(c).List[1, 3], Gen.Bool, (list, n) => (Condition)new InCondition(Ref(c), list, n))),
            Gen.OneOf(columns.Where(c => c.Type == ColumnType.String).ToArray()).SelectMany(c => Gen.Select(LiteralOf(c), Gen.Int[0, 3], Gen.Int[0, 4], Gen.Bool,
                (v, cut, shape, n) =>
                {
                    var text = ((StringLiteral)v).Value;
                    var core = text.Length > 2 * cut ? text[cut..(text.Length - cut)] : text;
                    var pattern = shape switch { 0 => core, 1 => core + "%", 2 => "%" + core, 3 => "%" + core + "%", _ => "%" };
                    return (Condition)new LikeCondition(Ref(c), new StringLiteral(pattern.Replace("_", "").Replace("%%", "%")), n, false);
                })),
            column.SelectMany(c => Gen.Bool.Select(n => (Condition)new NullCondition(Ref(c), n))));
    }

    private static Expr Ref(TapColumn c) => new ColumnRef(null, c.Name, false);

    private static Expr Number(object? value) => new NumberLiteral(value switch
    {
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
    });
}
