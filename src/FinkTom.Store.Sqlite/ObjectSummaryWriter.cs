using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Folds one new alert into its object's summary row (an upsert), inside the transaction open on the connection. Every SET
/// expression reads the row as it was before the update, so their order does not matter. The latest alert is the
/// one with the largest jd, ties going to the larger candid, whatever order alerts arrive in.
/// </summary>
internal sealed class ObjectSummaryWriter : IDisposable
{
    private const string Newer = "(excluded.lastjd > lastjd OR (excluded.lastjd = lastjd AND excluded.lastcandid > lastcandid))";

    private readonly RawStatement _upsert;

    public ObjectSummaryWriter(SqliteConnection connection)
    {
        // Mean position from the summed unit vectors; SQLite's math functions are not in every build, so C# computes it.
        connection.CreateFunction("finktom_ra", (double x, double y) => (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360, isDeterministic: true);
        connection.CreateFunction("finktom_dec", (double x, double y, double z) => Math.Atan2(z, Math.Sqrt(x * x + y * y)) * 180 / Math.PI, isDeterministic: true);
        _upsert = new RawStatement(connection, $"""
            INSERT INTO objects ("objectId", firstjd, lastjd, nalerts, sum_x, sum_y, sum_z, ra, dec, lastcandid, classification, ndethist,
                                 lastmag_g, lastjd_g, lastmag_r, lastjd_r, lastmag_i, lastjd_i)
            VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            ON CONFLICT ("objectId") DO UPDATE SET
                firstjd = min(firstjd, excluded.firstjd),
                lastjd = max(lastjd, excluded.lastjd),
                nalerts = nalerts + 1,
                sum_x = sum_x + excluded.sum_x, sum_y = sum_y + excluded.sum_y, sum_z = sum_z + excluded.sum_z,
                ra = finktom_ra(sum_x + excluded.sum_x, sum_y + excluded.sum_y),
                dec = finktom_dec(sum_x + excluded.sum_x, sum_y + excluded.sum_y, sum_z + excluded.sum_z),
                lastcandid = CASE WHEN {Newer} THEN excluded.lastcandid ELSE lastcandid END,
                classification = CASE WHEN {Newer} THEN excluded.classification ELSE classification END,
                ndethist = CASE WHEN {Newer} THEN excluded.ndethist ELSE ndethist END,
                {Band("g")}, {Band("r")}, {Band("i")}
            """);
    }

    // The band's latest magnitude changes only when this alert is in the band and not older than the one kept.
    private static string Band(string band)
    {
        var newer = $"excluded.lastjd_{band} IS NOT NULL AND (lastjd_{band} IS NULL OR excluded.lastjd_{band} >= lastjd_{band})";
        return $"lastmag_{band} = CASE WHEN {newer} THEN excluded.lastmag_{band} ELSE lastmag_{band} END, " +
               $"lastjd_{band} = CASE WHEN {newer} THEN excluded.lastjd_{band} ELSE lastjd_{band} END";
    }

    public void Add(Alert alert, UnitVector position)
    {
        var jd = alert.Jd;
        var first = alert.GetDouble(ColumnCatalog.JdStartHist) is { } start ? Math.Min(start, jd) : jd;
        var mag = alert.GetDouble(ColumnCatalog.MagPsf);
        var fid = alert.GetDouble(ColumnCatalog.Fid);
        object?[] values =
        [
            alert.ObjectId, first, jd, position.X, position.Y, position.Z,
            alert.Ra is >= 0 and < 360 ? alert.Ra : (alert.Ra % 360 + 360) % 360, alert.Dec, alert.Candid, alert.GetString(ColumnCatalog.Classification),
            alert[ColumnCatalog.Get("i:ndethist")],
            fid == 1 ? mag : null, fid == 1 && mag is not null ? jd : null,
            fid == 2 ? mag : null, fid == 2 && mag is not null ? jd : null,
            fid == 3 ? mag : null, fid == 3 && mag is not null ? jd : null,
        ];
        for (var i = 0; i < values.Length; i++)
            _upsert.Bind(i + 1, values[i]);
        _upsert.Execute();
    }

    public void Dispose() => _upsert.Dispose();
}
