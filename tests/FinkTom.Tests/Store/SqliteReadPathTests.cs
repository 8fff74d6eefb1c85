using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FinkTom.Tests.Store;

/// <summary>
/// The store's read path (cached statements on pooled connections, values read through SQLitePCLRaw) answers exactly
/// what a plain Microsoft.Data.Sqlite data reader reads from the same file, value for value in every column of both
/// surveys' catalogues: nulls, NaN stored as null, extreme and 64-bit numbers, Unicode and empty text, booleans, blobs.
/// </summary>
public sealed class SqliteReadPathTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public static TheoryData<string> Surveys => ["ztf", "lsst"];

    private static Survey SurveyOf(string name) => name == "lsst" ? Survey.Lsst : Survey.Ztf;

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task Every_column_reads_back_as_a_data_reader_reads_it_and_as_it_was_written(string name)
    {
        var survey = SurveyOf(name);
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        var reference = ReadWithDataReader(store.DatabasePath, survey);

        var read = await ToListAsync(store.QueryAsync(new AlertQuery { OrderBy = [SortKey.NewestFirst(survey)] }));

        Assert.Equal(reference.Count, read.Count);
        Assert.Equal(reference.Keys.Order(), read.Select(a => a.Id).Order());
        foreach (var alert in read)
        {
            var expected = reference[alert.Id];
            var original = written[alert.Id];
            for (var c = 0; c < survey.Catalog.Stored.Count; c++)
            {
                var column = survey.Catalog.Stored[c];
                AssertSame(expected[c], alert.Values[c], column);
                // What was written comes back: NaN and infinities were stored as null (SQLite has no NaN).
                AssertSame(Normalised(original.Values[c]), alert.Values[c], column);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task Ids_above_2_to_the_53_are_exact_in_answers_and_as_criteria(string name)
    {
        var survey = SurveyOf(name);
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        foreach (var alert in written.Values.Take(5))
        {
            var found = await ToListAsync(store.QueryAsync(new AlertQuery { Candid = alert.Id }));
            var single = Assert.Single(found);
            Assert.Equal(alert.Id, single.Id);
            Assert.True(single.Id > 1L << 53);
        }
    }

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task A_query_shape_asked_again_with_other_values_answers_for_the_new_values(string name)
    {
        var survey = SurveyOf(name);
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        var objects = written.Values.Where(a => a.ObjectId.Length > 0).GroupBy(a => a.ObjectId).Take(6).ToList();
        // The same SQL each time (one object id, same columns): only the bound value changes.
        for (var round = 0; round < 2; round++)
            foreach (var group in objects)
            {
                var found = await ToListAsync(store.QueryAsync(new AlertQuery { ObjectIds = [group.Key], OrderBy = [SortKey.NewestFirst(survey)] }));
                Assert.Equal(group.Select(a => a.Id).Order(), found.Select(a => a.Id).Order());
                Assert.All(found, a => Assert.Equal(group.Key, a.ObjectId));
            }
    }

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task An_enumeration_abandoned_half_way_leaves_the_next_query_whole(string name)
    {
        var survey = SurveyOf(name);
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        var query = new AlertQuery { OrderBy = [SortKey.NewestFirst(survey)], WithCutouts = true };
        await foreach (var _alert in store.QueryAsync(query))
            break;
        var all = await ToListAsync(store.QueryAsync(query));
        Assert.Equal(written.Count, all.Count);
        Assert.Equal(all.Select(a => a.Time).OrderDescending(), all.Select(a => a.Time));
    }

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task Concurrent_queries_each_get_their_whole_answer(string name)
    {
        var survey = SurveyOf(name);
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        var ids = written.Keys.Order().ToList();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var id = ids[i * 7 % ids.Count];
            var one = await ToListAsync(store.QueryAsync(new AlertQuery { Candid = id }));
            var all = await ToListAsync(store.QueryAsync(new AlertQuery { OrderBy = [SortKey.NewestFirst(survey)] }));
            return (id, one, all.Count);
        })));
        foreach (var (id, one, count) in answers)
        {
            Assert.Equal(id, Assert.Single(one).Id);
            Assert.Equal(written.Count, count);
        }
    }

    [Fact]
    public async Task Cutouts_read_back_byte_for_byte_and_missing_ones_as_null()
    {
        var survey = Survey.Lsst;
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        var read = await ToListAsync(store.QueryAsync(new AlertQuery { OrderBy = [SortKey.NewestFirst(survey)], WithCutouts = true }));
        foreach (var alert in read)
        {
            var original = written[alert.Id].Cutouts;
            Assert.Equal(original?.Science, alert.Cutouts?.Science);
            Assert.Equal(original?.Template, alert.Cutouts?.Template);
            Assert.Equal(original?.Difference, alert.Cutouts?.Difference);
        }
        Assert.Contains(read, a => a.Cutouts?.Science is not null);
        Assert.Contains(read, a => a.Cutouts?.Science is null);
    }

    [Fact]
    public async Task Measurements_read_back_as_a_data_reader_reads_them()
    {
        var survey = Survey.Lsst;
        var (store, written) = await StoreWithRandomValuesAsync(survey);
        using var _ = store;
        var kind = survey.History.Single(k => k.Stored);
        var objectIds = written.Values.Select(a => a.ObjectId).Where(id => id.Length > 0).Distinct().ToList();
        var viaList = await store.GetMeasurementsAsync(kind, objectIds);
        var viaQuery = await ToListAsync(store.QueryMeasurementsAsync(new MeasurementQuery(kind) { ObjectIds = objectIds }));

        var columns = kind.Catalog!.Stored;
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.SafeName}\""))} FROM {survey.StorageName}{kind.Name}";
        using var reader = command.ExecuteReader();
        var reference = new Dictionary<long, object?[]>();
        while (reader.Read())
        {
            var row = columns.Select((c, i) => DataReaderValue(reader, i, c)).ToArray();
            reference[(long)row[columns.ToList().IndexOf(kind.Key!)]!] = row;
        }

        Assert.NotEmpty(reference);
        foreach (var answer in new[] { viaList, viaQuery })
        {
            Assert.Equal(reference.Count, answer.Count);
            foreach (var measurement in answer)
            {
                var expected = reference[(long)measurement[kind.Key!.Name]!];
                for (var c = 0; c < columns.Count; c++)
                    AssertSame(expected[c], measurement.Values[c], columns[c]);
            }
        }
    }

    /// <summary>A store of <paramref name="survey"/> whose alerts carry a seeded random value, or null, in every
    /// non-key column: extremes, NaN and infinities, signed zeros, Unicode, empty text.</summary>
    private async Task<(SqliteAlertStore Store, Dictionary<long, Alert> Written)> StoreWithRandomValuesAsync(Survey survey)
    {
        var random = new Random(20261205);
        var alerts = survey == Survey.Lsst ? RubinTestAlerts.Sky(objects: 12, asteroids: 4) : TestAlerts.Sky(objects: 12);
        HashSet<ColumnDef> keys = [survey.AlertId, survey.ObjectId, survey.Time, survey.Ra, survey.Dec];
        var id = (1L << 53) + 1;
        foreach (var alert in alerts)
        {
            alert[survey.AlertId] = id;
            id += 1_000_003; // odd steps above 2^53: a double would round them
            foreach (var column in survey.Catalog.Stored.Where(c => !keys.Contains(c)))
                alert[column] = RandomValue(random, column.Type);
        }
        var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, $"{survey.Name}.db") }, survey);
        // Validation clears non-finite numbers in place: keep copies of what was handed in.
        var written = alerts.ToDictionary(a => a.Id, Copy);
        var result = await store.WriteAsync(alerts);
        Assert.Equal(alerts.Count, result.Stored);
        return (store, written);
    }

    private static Alert Copy(Alert alert)
    {
        var copy = new Alert(alert.Survey) { Cutouts = alert.Cutouts };
        alert.Values.CopyTo(copy.Values, 0);
        return copy;
    }

    private static object? RandomValue(Random random, ColumnType type)
    {
        if (random.Next(6) == 0)
            return null;
        return type switch
        {
            ColumnType.Int => Pick(random, [0, 1, -1, int.MaxValue, int.MinValue, random.Next(int.MinValue, int.MaxValue)]),
            ColumnType.Long => Pick<long>(random, [0, long.MaxValue, long.MinValue, (1L << 53) + 1, -(1L << 53) - 3, random.NextInt64(long.MinValue, long.MaxValue)]),
            ColumnType.Float => Pick(random, [0f, -0f, float.MaxValue, float.MinValue, float.Epsilon, float.NaN, float.PositiveInfinity, 18.123457f, (float)random.NextDouble() * 1e6f]),
            ColumnType.Double => Pick(random, [0d, -0d, double.MaxValue, double.Epsilon, double.NaN, double.NegativeInfinity, 2460000.123456789, random.NextDouble() * 1e12]),
            ColumnType.Bool => random.Next(2) == 0,
            _ => Pick(random, ["", "a", "Unknown", "SN 2026abc", "ünïcødé ✓ 星", new string('x', 1000), "null", random.NextInt64().ToString()]),
        };
    }

    private static object Pick<T>(Random random, T[] values) => values[random.Next(values.Length)]!;

    private static object? Normalised(object? value) => value switch
    {
        float f when !float.IsFinite(f) => null,
        double d when !double.IsFinite(d) => null,
        _ => value,
    };

    /// <summary>Same type and same value; floating point compared by bits, except that SQLite keeps no negative zero.</summary>
    private static void AssertSame(object? expected, object? actual, ColumnDef column)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{column.Name}: expected {expected ?? "null"}, read {actual ?? "null"}");
            return;
        }
        Assert.True(expected.GetType() == actual.GetType(), $"{column.Name}: expected a {expected.GetType().Name}, read a {actual.GetType().Name}");
        var same = (expected, actual) switch
        {
            (float e, float a) => BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a) || (e == 0 && a == 0),
            (double e, double a) => BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a) || (e == 0 && a == 0),
            _ => expected.Equals(actual),
        };
        Assert.True(same, $"{column.Name}: expected {expected}, read {actual}");
    }

    /// <summary>The whole alerts table through Microsoft.Data.Sqlite's data reader, typed per catalogue column, by alert id.</summary>
    private static Dictionary<long, object?[]> ReadWithDataReader(string path, Survey survey)
    {
        var columns = survey.Catalog.Stored;
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => c == survey.AlertId ? survey.AlertId.Field : $"\"{c.SafeName}\""))} FROM {survey.StorageName}alerts";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<long, object?[]>();
        while (reader.Read())
        {
            var row = columns.Select((c, i) => DataReaderValue(reader, i, c)).ToArray();
            rows[(long)row[survey.AlertId.Ordinal]!] = row;
        }
        return rows;
    }

    private static object? DataReaderValue(SqliteDataReader reader, int i, ColumnDef column) => reader.IsDBNull(i) ? null : column.Type switch
    {
        ColumnType.Int => (int)reader.GetInt64(i),
        ColumnType.Long => reader.GetInt64(i),
        ColumnType.Float => (float)reader.GetDouble(i),
        ColumnType.Double => reader.GetDouble(i),
        ColumnType.Bool => reader.GetInt64(i) != 0,
        _ => reader.GetString(i),
    };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
            list.Add(item);
        return list;
    }

    public void Dispose() => _folder.Dispose();
}
