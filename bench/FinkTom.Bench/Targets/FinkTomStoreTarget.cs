using FinkTom.Core.Query;
using FinkTom.Core.Store;

namespace FinkTom.Bench.Targets;

/// <summary>FinkTom's store called in process: the same queries the REST endpoints send it.</summary>
public sealed class FinkTomStoreTarget(IAlertReader store) : IQueryTarget
{
    private static readonly string[] ConeColumns =
        ["i:objectId", "i:candid", "i:ra", "i:dec", "i:jd", "i:jdstarthist", "i:magpsf", "i:sigmapsf", "i:fid", "i:distnr", "i:drb", "d:cdsxmatch", "d:nalerthist", "d:classification"];

    public string Name => "FinkTom store (in process)";

    public Task<int> ObjectAsync(string objectId) =>
        Count(new AlertQuery { ObjectIds = [objectId], OrderBy = [SortKey.JdDescending] });

    public Task<int> ConeAsync(double ra, double dec, double radiusArcsec) =>
        Count(new AlertQuery { Cone = new Cone(ra, dec, radiusArcsec / 3600), LatestPerObject = true, Columns = ConeColumns, OrderBy = [SortKey.Separation], Limit = 1000 });

    public Task<int> LatestOfClassAsync(string className) =>
        Count(new AlertQuery { Classification = className, OrderBy = [SortKey.JdDescending], Limit = 100 });

    public Task<int> DateWindowAsync(double startJd) =>
        Count(new AlertQuery { Jd = new JdRange(startJd, startJd + 1.0 / 24), LatestPerObject = true, OrderBy = [SortKey.JdDescending], Limit = 1000 });

    public Task<int> PageAsync(double fromJd) =>
        Count(new AlertQuery { Where = new ComparePredicate("i:jd", CompareOp.Ge, fromJd), OrderBy = [new SortKey("i:jd")], Limit = 1000 });

    private async Task<int> Count(AlertQuery query)
    {
        var rows = 0;
        await foreach (var _ in store.QueryAsync(query))
            rows++;
        return rows;
    }
}
