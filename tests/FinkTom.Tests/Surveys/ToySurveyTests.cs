using System.Net;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using FinkTom.Server.Api;
using FinkTom.Server.Formats;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.CoreModel;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Parquet;

namespace FinkTom.Tests.Surveys;

/// <summary>
/// A third survey added as FinkTom means surveys to be added: its descriptor (<see cref="SurveyTests.Toy"/>), alerts
/// built for it, and an endpoint of its own — all in the test files. The embedded store keeps it in its own tables
/// beside ZTF's in the same database file; the query model, the validation gate and the answer formats serve it as
/// they serve ZTF, with 64-bit object ids exact throughout.
/// </summary>
public sealed class ToySurveyTests : IDisposable
{
    private static readonly Survey Toy = SurveyTests.Toy;
    private readonly TempDirectory _folder = new();
    private readonly SqliteAlertStore _ztf;
    private readonly SqliteAlertStore _toy;

    public ToySurveyTests()
    {
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "finktom.db") };
        _ztf = new SqliteAlertStore(options);
        _toy = new SqliteAlertStore(options, Toy);
    }

    public void Dispose()
    {
        _toy.Dispose();
        _ztf.Dispose();
        _folder.Dispose();
    }

    private const long BigObject = 9_007_199_254_740_993; // 2^53 + 1: a double would round it

    private static Alert ToyAlert(long id, long objectId, double mjd, double ra, double dec, float flux, string band = "g")
    {
        var alert = new Alert(Toy);
        alert["t:sourceId"] = id;
        alert["t:objectId"] = objectId;
        alert["t:mjd"] = mjd;
        alert["t:ra"] = ra;
        alert["t:dec"] = dec;
        alert["t:band"] = band;
        alert["t:flux"] = flux;
        return alert;
    }

    private static readonly List<Alert> Night =
    [
        ToyAlert(1001, BigObject, 61176.10, 150.0, 2.0, 120f),
        ToyAlert(1002, BigObject, 61176.20, 150.0001, 2.0001, 340f, "r"),
        ToyAlert(1003, 42, 61176.15, 150.01, 2.0, -15f),
        ToyAlert(1004, 43, 61177.30, 210.0, -30.0, 80f),
    ];

    private async Task<List<Alert>> Query(AlertQuery query)
    {
        var alerts = new List<Alert>();
        await foreach (var alert in _toy.QueryAsync(query))
            alerts.Add(alert);
        return alerts;
    }

    [Fact]
    public async Task The_embedded_store_keeps_a_new_survey_beside_ztf_and_the_query_model_answers_for_it()
    {
        var ztfAlert = TestAlerts.Make(1001, "ZTF21toysame", 2459500.5, 150.0, 2.0); // the same id in another survey
        Assert.Equal(1, (await _ztf.WriteAsync([ztfAlert])).Stored);

        var written = await _toy.WriteAsync([.. Night, ToyAlert(1005, 44, 2461176.5, 1, 1, 1f)]); // a JD is no MJD
        var again = await _toy.WriteAsync(Night);

        Assert.Equal((4, 0, 1), (written.Stored, written.Duplicates, written.Rejected));
        Assert.Equal((0, 4), (again.Stored, again.Duplicates));
        Assert.Equal(4, await _toy.CountAsync(new AlertQuery()));
        Assert.Equal(1, await _ztf.CountAsync(new AlertQuery())); // each survey in its own tables

        var byObject = await Query(new AlertQuery { ObjectIds = [BigObject.ToString()], OrderBy = [SortKey.NewestFirst(Toy)] });
        Assert.Equal([1002L, 1001L], byObject.Select(a => a.Id));
        Assert.All(byObject, a => Assert.Equal(BigObject, a["t:objectId"]));

        var cone = await Query(new AlertQuery { Cone = new Cone(150.0, 2.0, 1.0 / 60), LatestPerObject = true });
        Assert.Equal([1002L, 1003L], cone.Select(a => a.Id).Order());

        var window = await Query(new AlertQuery { Jd = new JdRange(61176.12, 61176.5) });
        Assert.Equal([1002L, 1003L], window.Select(a => a.Id).Order());

        var bright = await Query(new AlertQuery { Where = new ComparePredicate("t:flux", CompareOp.Gt, 100.0), Columns = ["t:flux"] });
        Assert.Equal([1001L, 1002L], bright.Select(a => a.Id).Order());
        Assert.Null(bright[0]["t:band"]); // only the keys and the asked-for columns are read

        var statistics = await _toy.GetStatisticsAsync();
        Assert.Equal((4L, 3L, 61176.10, 61177.30), (statistics.Alerts, statistics.Objects, statistics.FirstJd!.Value, statistics.LastJd!.Value));
        await Assert.ThrowsAsync<NotSupportedException>(() => _toy.CountAsync(new AlertQuery { Classification = "SN candidate" }));
    }

    [Fact]
    public async Task An_endpoint_of_its_own_serves_the_survey_in_every_format_with_64_bit_ids_exact()
    {
        await _toy.WriteAsync(Night);
        await using var app = ToyApi(_toy);
        var client = app.GetTestClient();

        var json = JsonDocument.Parse(await client.GetStringAsync($"/toy/v1/sources?objectId={BigObject}")).RootElement;
        var csv = await client.GetStringAsync($"/toy/v1/sources?objectId={BigObject}&output-format=csv");
        var parquetBytes = await client.GetByteArrayAsync($"/toy/v1/sources?objectId={BigObject}&output-format=parquet");
        var bad = await client.GetAsync($"/toy/v1/sources?objectId={BigObject}&output-format=xls");

        Assert.Equal(2, json.GetArrayLength());
        Assert.Equal(BigObject, json[0].GetProperty("t:objectId").GetInt64());
        Assert.Equal(1002, json[0].GetProperty("t:sourceId").GetInt64()); // newest first
        Assert.Equal("r", json[0].GetProperty("t:band").GetString());
        Assert.StartsWith("t:sourceId,t:objectId,t:mjd,t:ra,t:dec,t:band,t:flux", csv);
        Assert.Contains($"1002,{BigObject},", csv);
        await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(parquetBytes));
        using var group = parquet.OpenRowGroupReader(0);
        var objects = new long?[group.RowCount];
        await group.ReadAsync<long>(parquet.Schema.DataFields[1], objects.AsMemory());
        Assert.Equal([BigObject, BigObject], objects);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>The survey's endpoint: its light curve by object id, through the shared query model and formats.</summary>
    private static WebApplication ToyApi(SqliteAlertStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapGet("/toy/v1/sources", async (string objectId, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "output-format")] string? outputFormat) =>
        {
            var format = TableFormats.Parse(outputFormat);
            if (format.Error is { } error)
                return Results.BadRequest(error);
            var rows = new List<object?[]>();
            await foreach (var alert in store.QueryAsync(new AlertQuery { ObjectIds = [objectId], OrderBy = [SortKey.NewestFirst(Toy)] }))
                rows.Add(alert.Values);
            var columns = Toy.Catalog.Stored.Select(TableColumn.For).ToList();
            return (IResult)new TableHttpResult(new ResultTable(columns, rows), format.Value);
        });
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }
}
