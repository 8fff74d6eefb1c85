using CsCheck;
using FinkTom.Server.Api;
using FinkTom.Core.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Cutouts;
using Microsoft.AspNetCore.Http;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// The parameter readers on their own: <see cref="ParameterBag"/> (query string or JSON body), every typed read of
/// <see cref="ParameterReader"/>, <see cref="ConeParameters"/>, <see cref="CutoutKinds"/> and <see cref="CutoutParameters"/>.
/// Any request gives parameters or one error with a text (naming a documented parameter when a value is at fault);
/// nothing throws.
/// </summary>
public sealed class ParameterFuzzTests
{
    private static readonly Gen<(EndpointSpec Spec, bool Post, string Query, string Body)> Requests =
        Gen.OneOf(ApiParameterValues.Specs).SelectMany(spec => ApiParameterValues.Pairs(spec).SelectMany(pairs =>
            Gen.Select(Gen.Bool, ApiParameterValues.Query(pairs), ApiParameterValues.JsonBody(pairs),
                (post, query, body) => (spec, post, post ? "" : query, post ? body : ""))));

    [Fact]
    public void Any_request_gives_parameters_or_an_error_and_every_typed_read_is_a_value_or_an_error() =>
        FuzzRun.Check(Requests, request =>
        {
            var (spec, post, query, body) = request;
            var (bag, error) = Bounded.Run(() => ReadAsync(spec, post, query, body).GetAwaiter().GetResult());
            if (bag is null)
            {
                Assert.NotNull(error);
                Assert.False(string.IsNullOrWhiteSpace(error.Text));
                return;
            }
            Bounded.Run(() => ReadEverything(spec, bag));
        }, ci: 2000, print: r => $"{r.Spec.Path} {(r.Post ? "POST " + r.Body : "GET ?" + r.Query)}");

    [Fact]
    public void Cutout_parameters_are_a_request_or_an_error_naming_one_of_them() =>
        FuzzRun.Check(ApiParameterValues.Sequence(CutoutNames.Select(n => ApiParameterValues.For(n).Null(0.3)).ToList()), values =>
        {
            var result = Bounded.Run(() => CutoutParameters.Parse(values[0], values[1], values[2], values[3], values[4], values[5], values[6]));
            if (!result.IsOk)
            {
                Assert.Contains(result.Error!.Parameter, CutoutNames);
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Text));
            }
        }, ci: 2000);

    private static readonly string[] CutoutNames = ["kind", "output-format", "stretch", "colormap", "pmin", "pmax", "convolution_kernel"];

    private static async Task<(ParameterBag? Bag, FinkError? Error)> ReadAsync(EndpointSpec spec, bool post, string query, string body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = post ? "POST" : "GET";
        http.Request.QueryString = new QueryString(query.Length == 0 ? "" : "?" + query);
        var bytes = ApiParameterValues.Utf8(body);
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        http.Request.ContentType = "application/json";
        return await ParameterBag.ReadAsync(http.Request, spec, CancellationToken.None);
    }

    // Every reader the endpoints use, on every documented parameter, whatever its documented type.
    private static void ReadEverything(EndpointSpec spec, ParameterBag bag)
    {
        var names = spec.Parameters.Select(p => p.Name).ToHashSet();
        foreach (var name in names)
        {
            var reader = new ParameterReader(bag);
            reader.String(name);
            reader.Double(name, min: 0, max: 100);
            reader.Int(name, 10, 1, 100_000);
            reader.Bool(name);
            reader.Jd(name);
            reader.List(name);
            CutoutKinds.FromParameter(reader, name, defaultAll: true);
            AssertError(reader, name);
        }
        var columns = new ParameterReader(bag);
        columns.Columns(new HashSet<string>(FinkTom.Server.Tables.QueryTimeColumns.Names));
        AssertError(columns, "columns");
        var cone = new ParameterReader(bag);
        var read = ConeParameters.Read(cone);
        var dates = DateWindow.Read(cone, windowUnitDays: 1);
        if (cone.Error is { } error)
            Assert.Contains(error.Parameter, new[] { "ra", "dec", "radius", "startdate", "stopdate", "window" });
        else
            Assert.True(read is { Ra: >= 0 and < 360, Dec: >= -90 and <= 90, RadiusDeg: > 0 and <= 5 }, $"{read} {dates}");
    }

    private static void AssertError(ParameterReader reader, string name)
    {
        if (reader.Error is { } error)
        {
            Assert.Equal(name, error.Parameter);
            Assert.False(string.IsNullOrWhiteSpace(error.Text));
        }
    }
}
