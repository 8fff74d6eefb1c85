using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Writes batches of alerts with their sky-index entries, object summaries, cutouts and history, inside the
/// transaction the caller holds on the connection. Statements are prepared once and reused for every batch.
/// <c>INSERT OR IGNORE</c> on the candid key makes ingestion idempotent.
/// </summary>
internal sealed class AlertInserter : IDisposable
{
    private readonly RawStatement _alert;
    private readonly RawStatement _sky;
    private readonly RawStatement _cutouts;
    private readonly HistoryWriter? _history;     // ZTF's, so far (see SqliteSchema.KeepsObjectsAndHistory)
    private readonly ObjectSummaryWriter? _objects;
    private readonly NightStatisticsWriter? _nights;
    private readonly bool[] _realColumns;
    private readonly Dictionary<HistoryKind, RawStatement> _measurements = [];

    public AlertInserter(SqliteConnection connection, SqliteSchema schema)
    {
        var columns = schema.Survey.Catalog.Stored;
        // Parameters by position: ?1..?3 the unit vector, then the catalogue columns in ordinal order.
        _alert = new RawStatement(connection,
            $"INSERT OR IGNORE INTO {schema.Alerts} (sx, sy, sz, {string.Join(", ", columns.Select(c => c == schema.Survey.AlertId ? schema.Key : $"\"{c.SafeName}\""))}) " +
            $"VALUES ({string.Join(", ", Enumerable.Range(1, columns.Count + 3).Select(i => "?" + i))})");
        _realColumns = columns.Select(c => SqliteSchema.SqlType(c.Type) == "REAL").ToArray();
        _sky = new RawStatement(connection, $"INSERT INTO {schema.Sky} (id, min_x, max_x, min_y, max_y, min_z, max_z) VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?4)");
        _cutouts = new RawStatement(connection, $"INSERT OR IGNORE INTO {schema.Cutouts} ({schema.Key}, science, template, difference) VALUES (?1, ?2, ?3, ?4)");
        foreach (var kind in schema.StoredMeasurements)
        {
            var names = kind.Catalog!.Stored;
            _measurements[kind] = new RawStatement(connection,
                $"INSERT OR IGNORE INTO {schema.MeasurementTable(kind)} ({string.Join(", ", names.Select(c => $"\"{c.SafeName}\""))}) " +
                $"VALUES ({string.Join(", ", Enumerable.Range(1, names.Count).Select(i => "?" + i))})");
        }
        if (schema.KeepsObjectsAndHistory)
        {
            _history = new HistoryWriter(connection);
            _objects = new ObjectSummaryWriter(connection);
            _nights = new NightStatisticsWriter(connection);
        }
    }

    /// <summary>Inserts the alerts; returns the candids stored (those already present are left unchanged).</summary>
    public List<long> Write(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var stored = new List<long>(alerts.Count);
        var summaries = new List<(Alert Alert, UnitVector Position)>(alerts.Count);
        foreach (var alert in alerts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var position = UnitVector.FromRaDec(alert.Ra, alert.Dec);
            if (!InsertAlert(alert, position))
                continue;
            stored.Add(alert.Candid);
            summaries.Add((alert, position));
            _sky.Bind(1, alert.Candid);
            _sky.Bind(2, position.X);
            _sky.Bind(3, position.Y);
            _sky.Bind(4, position.Z);
            _sky.Execute();
            if (alert.Cutouts is { } cutouts)
            {
                _cutouts.Bind(1, alert.Candid);
                _cutouts.Bind(2, cutouts.Science);
                _cutouts.Bind(3, cutouts.Template);
                _cutouts.Bind(4, cutouts.Difference);
                _cutouts.Execute();
            }
            _history?.Add(alert.History);
            _nights?.Add(alert);
            AddMeasurements(alert);
        }
        // Summaries and history by object: neighbouring keys share B-tree pages. The sort is stable, so one
        // object's alerts fold in arrival order (its mean position sums unit vectors in the same order as before).
        if (_objects is not null)
            foreach (var (alert, position) in summaries.OrderBy(s => s.Alert.ObjectId, StringComparer.Ordinal))
                _objects.Add(alert, position);
        _history?.Flush();
        return stored;
    }

    // Each measurement once per key, however many alerts repeat it (Rubin sends a year of forced photometry with every alert).
    private void AddMeasurements(Alert alert)
    {
        foreach (var measurement in alert.Measurements)
        {
            if (!_measurements.TryGetValue(measurement.Kind, out var insert))
                continue;
            var values = measurement.Values;
            for (var i = 0; i < values.Length; i++)
                insert.Bind(i + 1, values[i]);
            insert.Execute();
        }
    }

    private bool InsertAlert(Alert alert, UnitVector position)
    {
        _alert.Bind(1, position.X);
        _alert.Bind(2, position.Y);
        _alert.Bind(3, position.Z);
        var values = alert.Values;
        for (var i = 0; i < values.Length; i++)
        {
            // A REAL column gets a real even from an integer value, as a typed Real parameter did.
            if (_realColumns[i] && values[i] is int or long)
                _alert.Bind(i + 4, Convert.ToDouble(values[i]));
            else
                _alert.Bind(i + 4, values[i]);
        }
        return _alert.Execute() > 0;
    }

    public void Dispose()
    {
        _alert.Dispose();
        _sky.Dispose();
        _cutouts.Dispose();
        _history?.Dispose();
        _objects?.Dispose();
        _nights?.Dispose();
        foreach (var insert in _measurements.Values)
            insert.Dispose();
    }
}
