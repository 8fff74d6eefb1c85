using FinkTom.Core.Model;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Collects the history points of a batch and writes each (object, jd, filter) once, in key order. Alerts of one
/// object repeat most of its history, so a batch holding several of them carries many copies of the same point.
/// The result is the one the per-point upsert gives: the first copy is kept, and a candid missing from it is
/// filled from a later copy (a detection seen later replaces an upper limit or a copy lacking a candid).
/// </summary>
internal sealed class HistoryWriter : IDisposable
{
    private readonly RawStatement _upsert;
    private readonly Dictionary<(string ObjectId, double Jd, int Fid), int> _index = [];
    private readonly List<HistoryPoint> _points = [];

    public HistoryWriter(SqliteConnection connection)
    {
        _upsert = new RawStatement(connection,
            "INSERT INTO history (object_id, jd, fid, candid, magpsf, sigmapsf, diffmaglim, magnr, sigmagnr, distnr, isdiffpos, rb, drb, nbad, ra, dec) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) " +
            // Only a missing candid is filled: most points of a packet are stored already, and an update that
            // changes nothing would still rewrite the row and its page into the WAL.
            "ON CONFLICT (object_id, jd, fid) DO UPDATE SET candid = excluded.candid WHERE history.candid IS NULL AND excluded.candid IS NOT NULL");
    }

    public void Add(IEnumerable<HistoryPoint> points)
    {
        foreach (var point in points)
        {
            if (_index.TryGetValue((point.ObjectId, point.Jd, point.Fid), out var at))
            {
                if (_points[at].Candid is null && point.Candid is not null)
                    _points[at] = _points[at] with { Candid = point.Candid };
                continue;
            }
            _index.Add((point.ObjectId, point.Jd, point.Fid), _points.Count);
            _points.Add(point);
        }
    }

    /// <summary>Writes what was collected (inside the caller's transaction) and starts afresh.</summary>
    public void Flush()
    {
        try
        {
            _points.Sort(static (a, b) =>
                string.CompareOrdinal(a.ObjectId, b.ObjectId) is var byObject and not 0 ? byObject
                : a.Jd.CompareTo(b.Jd) is var byJd and not 0 ? byJd
                : a.Fid.CompareTo(b.Fid));
            foreach (var point in _points)
            {
                _upsert.Bind(1, point.ObjectId);
                _upsert.Bind(2, point.Jd);
                _upsert.Bind(3, point.Fid);
                _upsert.Bind(4, point.Candid);
                _upsert.Bind(5, point.MagPsf);
                _upsert.Bind(6, point.SigmaPsf);
                _upsert.Bind(7, point.DiffMagLim);
                _upsert.Bind(8, point.MagNr);
                _upsert.Bind(9, point.SigmaGnr);
                _upsert.Bind(10, point.DistNr);
                _upsert.Bind(11, point.IsDiffPos);
                _upsert.Bind(12, point.Rb);
                _upsert.Bind(13, point.Drb);
                _upsert.Bind(14, point.NBad);
                _upsert.Bind(15, point.Ra);
                _upsert.Bind(16, point.Dec);
                _upsert.Execute();
            }
        }
        finally
        {
            _points.Clear();
            _index.Clear();
        }
    }

    public void Dispose() => _upsert.Dispose();
}
