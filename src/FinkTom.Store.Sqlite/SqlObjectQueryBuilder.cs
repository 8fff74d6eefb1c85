using System.Text;
using FinkTom.Core.Query;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>Turns an <see cref="ObjectQuery"/> into one SQL statement over the <c>objects</c> summary table.</summary>
internal sealed class SqlObjectQueryBuilder
{
    /// <summary>The summary columns in <see cref="ObjectColumns.All"/> order, as the SELECT returns them.</summary>
    public static readonly string SelectList = string.Join(", ", ObjectColumns.All.Select(c => ColumnSql(c.Name)));

    private readonly ObjectQuery _query;
    private readonly SqliteCommand _command;
    private readonly SqlPredicateTranslator _parameters;

    public SqlObjectQueryBuilder(ObjectQuery query, SqliteCommand command)
    {
        _query = query;
        _command = command;
        _parameters = new SqlPredicateTranslator(command, ColumnSql);
    }

    public static string ColumnSql(string name) => $"o.\"{ObjectColumns.Get(name).Name}\"";

    public void BuildSelect()
    {
        var sql = new StringBuilder($"SELECT {SelectList} FROM objects o");
        AppendWhere(sql);
        var keys = _query.OrderBy.Select(k => ColumnSql(k.Column) + (k.Descending ? " DESC" : " ASC")).ToList();
        // A total order (offset paging never repeats or skips an object), ties in the last key's direction.
        keys.Add("o.\"objectId\"" + (SortKey.TieBreakDescending(_query.OrderBy) ? " DESC" : ""));
        sql.Append(" ORDER BY ").AppendJoin(", ", keys);
        sql.AppendLimitOffset(_query.Limit, _query.Offset);
        _command.CommandText = sql.ToString();
    }

    public void BuildCount()
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM objects o");
        AppendWhere(sql);
        _command.CommandText = sql.ToString();
    }

    private void AppendWhere(StringBuilder sql)
    {
        var where = new List<string>();
        if (_query.ObjectIds is { } ids)
            where.Add(ids.Count == 0 ? "0" : $"o.\"objectId\" IN ({string.Join(", ", ids.Select(id => _parameters.Parameter(id)))})");
        if (_query.Where is { } predicate)
            where.Add(_parameters.Translate(predicate));
        if (where.Count > 0)
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
    }
}
