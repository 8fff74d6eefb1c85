using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Bench.Targets;

/// <summary>The LSST store called in process with the queries the <c>/lsst/api/v1</c> endpoints send it.</summary>
public sealed class LsstStoreTarget(IAlertReader store) : ILsstQueryTarget
{
    public string Name => "LSST store (in process)";

    public Task<int> SourcesAsync(string diaObjectId) =>
        Count(new AlertQuery { ObjectIds = [diaObjectId], OrderBy = [SortKey.NewestFirst(Survey.Lsst)] });

    public Task<int> ConeAsync(double ra, double dec, double radiusArcsec) =>
        Count(new AlertQuery { Cone = new Cone(ra, dec, radiusArcsec / 3600), LatestPerObject = true, OrderBy = [SortKey.Separation] });

    public Task<int> TagAsync(string tag, int n) => Count(new AlertQuery
    {
        Where = new ComparePredicate(LsstTags.Find(tag)!.Column, CompareOp.Eq, true),
        OrderBy = [SortKey.NewestFirst(Survey.Lsst)],
        Limit = n,
    });

    private async Task<int> Count(AlertQuery query)
    {
        var rows = 0;
        await foreach (var _ in store.QueryAsync(query))
            rows++;
        return rows;
    }
}
