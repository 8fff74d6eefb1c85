using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Prepared statements that insert one alert with its sky-index entry, cutouts and history, inside the
/// caller's transaction. <c>INSERT OR IGNORE</c> on the candid key makes ingestion idempotent.
/// </summary>
internal sealed class AlertInserter : IDisposable
{
    private readonly SqliteCommand _alert;
    private readonly SqliteCommand _sky;
    private readonly SqliteCommand _cutouts;
    private readonly SqliteCommand _history;
    private readonly ObjectSummaryWriter _objects;
    private readonly SqliteParameter[] _alertValues;
    private readonly SqliteParameter _sx, _sy, _sz;

    public AlertInserter(SqliteConnection connection, SqliteTransaction transaction)
    {
        var columns = ColumnCatalog.Stored;
        _alert = Command(connection, transaction,
            $"INSERT OR IGNORE INTO alerts (sx, sy, sz, {string.Join(", ", columns.Select(c => c == ColumnCatalog.Candid ? "candid" : $"\"{c.SafeName}\""))}) " +
            $"VALUES ($sx, $sy, $sz, {string.Join(", ", columns.Select(c => "$c" + c.Ordinal))})");
        _sx = _alert.Parameters.Add("$sx", SqliteType.Real);
        _sy = _alert.Parameters.Add("$sy", SqliteType.Real);
        _sz = _alert.Parameters.Add("$sz", SqliteType.Real);
        _alertValues = columns.Select(c => _alert.Parameters.Add("$c" + c.Ordinal, SqliteValuesType(c.Type))).ToArray();

        _objects = new ObjectSummaryWriter(connection, transaction);
        _sky = Command(connection, transaction,
            "INSERT INTO alert_sky (id, min_x, max_x, min_y, max_y, min_z, max_z) VALUES ($id, $x, $x, $y, $y, $z, $z)");
        _cutouts = Command(connection, transaction,
            "INSERT OR IGNORE INTO cutouts (candid, science, template, difference) VALUES ($id, $s, $t, $d)");
        _history = Command(connection, transaction,
            "INSERT INTO history (object_id, jd, fid, candid, magpsf, sigmapsf, diffmaglim, magnr, sigmagnr, distnr, isdiffpos, rb, drb, nbad, ra, dec) " +
            "VALUES ($o, $jd, $fid, $candid, $magpsf, $sigmapsf, $diffmaglim, $magnr, $sigmagnr, $distnr, $isdiffpos, $rb, $drb, $nbad, $ra, $dec) " +
            // A detection seen later replaces an upper limit or an earlier copy lacking a candid.
            "ON CONFLICT (object_id, jd, fid) DO UPDATE SET candid = COALESCE(history.candid, excluded.candid)");
        // Untyped parameters: the bound value's own type decides (a typed Real parameter would round a candid).
        AddParameters(_sky, "$id", "$x", "$y", "$z");
        AddParameters(_cutouts, "$id", "$s", "$t", "$d");
        AddParameters(_history, "$o", "$jd", "$fid", "$candid", "$magpsf", "$sigmapsf", "$diffmaglim", "$magnr", "$sigmagnr",
            "$distnr", "$isdiffpos", "$rb", "$drb", "$nbad", "$ra", "$dec");
    }

    /// <summary>Inserts the alert; false when its candid was already stored (nothing is changed then).</summary>
    public bool Insert(Alert alert)
    {
        var position = UnitVector.FromRaDec(alert.Ra, alert.Dec);
        _sx.Value = position.X;
        _sy.Value = position.Y;
        _sz.Value = position.Z;
        for (var i = 0; i < _alertValues.Length; i++)
            _alertValues[i].Value = SqliteValues.ToDb(alert.Values[i]);
        if (_alert.ExecuteNonQuery() == 0)
            return false;

        SetAll(_sky, alert.Candid, position.X, position.Y, position.Z);
        _sky.ExecuteNonQuery();
        _objects.Add(alert, position);
        if (alert.Cutouts is { } cutouts)
        {
            SetAll(_cutouts, alert.Candid, cutouts.Science, cutouts.Template, cutouts.Difference);
            _cutouts.ExecuteNonQuery();
        }
        foreach (var point in alert.History)
        {
            SetAll(_history, point.ObjectId, point.Jd, point.Fid, point.Candid, point.MagPsf, point.SigmaPsf, point.DiffMagLim,
                point.MagNr, point.SigmaGnr, point.DistNr, point.IsDiffPos, point.Rb, point.Drb, point.NBad, point.Ra, point.Dec);
            _history.ExecuteNonQuery();
        }
        return true;
    }

    private static void SetAll(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = SqliteValues.ToDb(values[i]);
    }

    private static void AddParameters(SqliteCommand command, params string[] names)
    {
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
    }

    private static SqliteType SqliteValuesType(ColumnType type) => SqliteSchema.SqlType(type) switch
    {
        "INTEGER" => SqliteType.Integer,
        "REAL" => SqliteType.Real,
        _ => SqliteType.Text,
    };

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public void Dispose()
    {
        _alert.Dispose();
        _sky.Dispose();
        _cutouts.Dispose();
        _history.Dispose();
        _objects.Dispose();
    }
}
