using CsCheck;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Query.OData;
using FinkTom.Server.OData;
using FinkTom.Store.Elasticsearch.Query;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Ingest;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// <c>$filter</c> text → <see cref="ODataFilterParser"/>: a predicate or an <see cref="ODataQueryException"/> (400 or 501),
/// nothing else, in bounded time and memory. Every predicate it gives then runs through the SQLite translator (counted
/// on a real store), the Elasticsearch DSL and the in-memory evaluator on real alerts, none of which may throw.
/// </summary>
public sealed class ODataFilterFuzzTests(ODataFilterFuzzTests.SampleStore store) : IClassFixture<ODataFilterFuzzTests.SampleStore>
{
    /// <summary>A few real alerts (ZTF, Fink-enriched, 2020 stream) in a SQLite store, and the same in memory.</summary>
    public sealed class SampleStore : IDisposable
    {
        private readonly TempDirectory _folder = new();

        public SampleStore()
        {
            Alerts = [.. SampleFiles.ReadAlerts(SampleFiles.Ztf19acihgng), .. SampleFiles.ReadAlerts(SampleFiles.DataTransfer).Take(10),
                .. SampleFiles.ReadAlerts(SampleFiles.Fink2020).Take(5)];
            Store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "alerts.db") });
            Store.WriteAsync(Alerts).GetAwaiter().GetResult();
        }

        public List<Alert> Alerts { get; }

        public SqliteAlertStore Store { get; }

        public void Dispose()
        {
            Store.Dispose();
            _folder.Dispose();
        }
    }

    [Fact]
    public void Grammar_built_filters_parse_or_are_refused_clearly_and_every_backend_takes_the_predicate()
    {
        var tally = new FuzzTally();
        FuzzRun.Check(Gen.OneOf(FilterGrammar.Filter(), FilterGrammar.Typed()), text => Property(text, tally), ci: 3000);
        tally.Log();
    }

    [Fact]
    public void Mutated_random_and_deeply_nested_filters_parse_or_are_refused_clearly()
    {
        var tally = new FuzzTally();
        FuzzRun.Check(FilterGrammar.Any, text => Property(text, tally), ci: 2000);
        tally.Log();
    }

    [Theory]
    [InlineData("not(", 2000)]
    [InlineData("(", 2000)]
    [InlineData("not ", 5000)]
    [InlineData("-", 5000)]
    [InlineData("magpsf gt 1 and ", 2000)]
    [InlineData("1 add ", 2000)]
    public void Thousands_of_nested_operators_are_refused_not_a_stack_overflow(string open, int depth)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "true" + new string(')', open.Count(c => c == '(') * depth);

        var error = Assert.Throws<ODataQueryException>(() => Bounded.Run(() => ODataFilterParser.Parse(text)));

        Assert.Equal(400, error.StatusCode);
    }

    private void Property(string text, FuzzTally tally)
    {
        Predicate? predicate;
        try
        {
            predicate = Bounded.Run(() => ODataFilterParser.Parse(text));
        }
        catch (ODataQueryException e)
        {
            Assert.True(e.StatusCode is 400 or 501, $"status {e.StatusCode} for a filter: {e.Message}");
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            tally.Add($"refused ({e.StatusCode})");
            return;
        }
        tally.Add(predicate is null ? "always true" : "predicate");
        if (predicate is null)
            return;
        Bounded.Run(() => store.Store.CountAsync(new AlertQuery { Where = predicate }).GetAwaiter().GetResult());
        Bounded.Run(() => PredicateDsl.Translate(predicate).ToJsonString());
        Bounded.Run(() =>
        {
            var test = PredicateEvaluator.Compile(predicate);
            return store.Alerts.Count(test);
        });
    }
}
