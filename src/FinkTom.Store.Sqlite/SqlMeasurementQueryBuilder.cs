using System.Text;
using FinkTom.Core.Query;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>Turns a <see cref="MeasurementQuery"/> into one SQL statement over a stored history kind's table, whose key is
/// the rowid (keyset paging walks it) and which is indexed by (object, time).</summary>
internal sealed class SqlMeasurementQueryBuilder
{
    private readonly MeasurementQuery _query;
    private readonly SqliteCommand _command;
    private readonly SqliteSchema _schema;
    private readonly SqlPredicateTranslator _parameters;

    public SqlMeasurementQueryBuilder(MeasurementQuery query, SqliteCommand command, SqliteSchema schema)
    {
        if (!schema.StoredMeasurements.Contains(query.Kind))
            throw new NotSupportedException($"The {schema.Survey.Name} store keeps no {query.Kind.Name}.");
        _query = query;
        _command = command;
        _schema = schema;
        _parameters = new SqlPredicateTranslator(command, ColumnSql);
    }

    private string ColumnSql(string name) => $"m.\"{_query.Kind.Catalog!.Get(name).SafeName}\"";

    public void BuildSelect()
    {
        var columns = _query.Kind.Catalog!.Stored.Select(c => ColumnSql(c.Name));
        var sql = new StringBuilder($"SELECT {string.Join(", ", columns)} FROM {_schema.MeasurementTable(_query.Kind)} m");
        AppendWhere(sql);
        var keys = _query.OrderBy.Select(k => ColumnSql(k.Column) + (k.Descending ? " DESC" : " ASC")).ToList();
        keys.Add(ColumnSql(_query.Kind.Key!.Name) + (SortKey.TieBreakDescending(_query.OrderBy) ? " DESC" : ""));
        sql.Append(" ORDER BY ").AppendJoin(", ", keys);
        sql.AppendLimitOffset(_query.Limit, _query.Offset);
        _command.CommandText = sql.ToString();
    }

    public void BuildCount()
    {
        var sql = new StringBuilder($"SELECT COUNT(*) FROM {_schema.MeasurementTable(_query.Kind)} m");
        AppendWhere(sql);
        _command.CommandText = sql.ToString();
    }

    private void AppendWhere(StringBuilder sql)
    {
        var where = new List<string>();
        if (_query.ObjectIds is { } ids)
            where.Add(ids.Count == 0 ? "0" : $"{ColumnSql(_query.Kind.ObjectId!.Name)} IN ({string.Join(", ", ids.Select(id => _parameters.Parameter(_schema.ObjectKey(id))))})");
        if (_query.Where is { } predicate)
            where.Add(_parameters.Translate(predicate));
        if (where.Count > 0)
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
    }
}
