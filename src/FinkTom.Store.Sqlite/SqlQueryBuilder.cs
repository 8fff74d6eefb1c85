using System.Text;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Turns an <see cref="AlertQuery"/> into one SQL statement over one survey's tables (<see cref="SqliteSchema"/>). Each
/// criterion maps to a clause an index serves: object ids → alerts_object, class → alerts_class, SSO → alerts_sso,
/// time → alerts_jd, cone → the R*Tree box then the exact chord cut.
/// </summary>
internal sealed class SqlQueryBuilder
{
    private readonly AlertQuery _query;
    private readonly SqliteCommand _command;
    private readonly SqliteSchema _schema;
    private readonly SqlPredicateTranslator _parameters;

    public SqlQueryBuilder(AlertQuery query, SqliteCommand command, SqliteSchema schema)
    {
        _query = query;
        _command = command;
        _schema = schema;
        _parameters = new SqlPredicateTranslator(command, schema.ColumnSql);
    }

    /// <summary>The catalogue columns the SELECT returns, in order (candid, objectId and jd always included).</summary>
    public IReadOnlyList<ColumnDef> SelectedColumns { get; private set; } = [];

    public void BuildSelect()
    {
        var survey = _schema.Survey;
        // The latest alerts are tested after grouping, on the columns the grouped sub-select returns.
        IReadOnlyList<string>? columns = _query.Columns is { } named && _query.WhereLatest is { } latest ? [.. named, .. latest.Columns()] : _query.Columns;
        SelectedColumns = survey.Catalog.Selection(columns, survey.Keys);
        var select = string.Join(", ", SelectedColumns.Select(_schema.ColumnSql));
        if (_query.WithCutouts)
            select += ", c.science, c.template, c.difference";
        var sql = new StringBuilder();
        if (_query.LatestPerObject)
        {
            // SQLite's documented bare-column rule: with MAX() in an aggregate, the other selected columns
            // come from the row holding the maximum. One pass over the matches, no window function.
            sql.Append($"SELECT * FROM (SELECT {select}{ChordSelect()}, MAX(a.{_schema.TimeColumn}) AS _latest_jd ");
            AppendFromWhere(sql);
            sql.Append($" GROUP BY a.{_schema.ObjectColumn}) a");
            AppendWhereLatest(sql);
        }
        else
        {
            sql.Append($"SELECT {select}{ChordSelect()} ");
            AppendFromWhere(sql);
        }
        AppendOrderAndPage(sql);
        _command.CommandText = sql.ToString();
    }

    public void BuildCount()
    {
        StringBuilder sql;
        if (_query.LatestPerObject && _query.WhereLatest is { } latest)
        {
            var columns = latest.Columns().Select(_schema.ColumnSql).Append($"a.{_schema.ObjectColumn}").Distinct();
            sql = new StringBuilder($"SELECT COUNT(*) FROM (SELECT {string.Join(", ", columns)}, MAX(a.{_schema.TimeColumn}) AS _latest_jd ");
            AppendFromWhere(sql, withCutouts: false);
            sql.Append($" GROUP BY a.{_schema.ObjectColumn}) a");
            AppendWhereLatest(sql);
        }
        else
        {
            sql = new StringBuilder(_query.LatestPerObject ? $"SELECT COUNT(DISTINCT a.{_schema.ObjectColumn}) " : "SELECT COUNT(*) ");
            AppendFromWhere(sql, withCutouts: false);
        }
        _command.CommandText = sql.ToString();
    }

    // The grouped sub-select is aliased a and names its columns as the alerts table does, so ColumnSql reads them.
    private void AppendWhereLatest(StringBuilder sql)
    {
        if (_query.WhereLatest is { } latest)
            sql.Append(" WHERE ").Append(_parameters.Translate(latest));
    }

    private string ChordSelect()
    {
        if (_query.Cone is not { } cone)
            return "";
        var c = cone.Centre;
        var (x, y, z) = (_parameters.Parameter(c.X), _parameters.Parameter(c.Y), _parameters.Parameter(c.Z));
        return $", ((a.sx - {x}) * (a.sx - {x}) + (a.sy - {y}) * (a.sy - {y}) + (a.sz - {z}) * (a.sz - {z})) AS _chord2";
    }

    private void AppendFromWhere(StringBuilder sql, bool withCutouts = true)
    {
        if (_query.WhereLatest is not null && !_query.LatestPerObject)
            throw new ArgumentException("WhereLatest applies to LatestPerObject queries only.");
        var where = new List<string>();
        if (_query.Cone is { } cone)
        {
            // CROSS JOIN makes SQLite walk the R*Tree first and fetch alerts by rowid.
            sql.Append($"FROM {_schema.Sky} s CROSS JOIN {_schema.Alerts} a ON a.{_schema.Key} = s.id");
            var box = SkyMath.BoundingBox(cone);
            where.Add($"s.max_x >= {P(box.MinX)} AND s.min_x <= {P(box.MaxX)} AND s.max_y >= {P(box.MinY)} AND s.min_y <= {P(box.MaxY)} " +
                      $"AND s.max_z >= {P(box.MinZ)} AND s.min_z <= {P(box.MaxZ)}");
            var c = cone.Centre;
            var (x, y, z) = (P(c.X), P(c.Y), P(c.Z));
            where.Add($"((a.sx - {x}) * (a.sx - {x}) + (a.sy - {y}) * (a.sy - {y}) + (a.sz - {z}) * (a.sz - {z})) <= {P(cone.MaxChordSquared)}");
        }
        else
        {
            sql.Append($"FROM {_schema.Alerts} a");
        }
        if (withCutouts && _query.WithCutouts)
            sql.Append($" LEFT JOIN {_schema.Cutouts} c ON c.{_schema.Key} = a.{_schema.Key}");

        var survey = _schema.Survey;
        if (_query.ObjectIds is { } ids)
            where.Add(ids.Count == 0 ? "0" : $"a.{_schema.ObjectColumn} IN ({string.Join(", ", ids.Select(id => P(_schema.ObjectKey(id))))})");
        if (_query.Candid is { } candid)
            where.Add($"a.{_schema.Key} = {P(candid)}");
        AddRange(where, survey.Time, _query.Jd);
        if (_query.FirstDetection is not null)
            AddRange(where, Role(survey.QueryColumns.FirstDetection, "a first-detection time"), _query.FirstDetection);
        if (_query.Classification is { } cls)
            where.Add($"{_schema.ColumnSql(Role(survey.QueryColumns.Classification, "classes"))} = {P(cls)}");
        if (_query.TnsType is { } tns)
            where.Add($"{_schema.ColumnSql(Role(survey.QueryColumns.TnsType, "TNS types"))} = {P(tns)}");
        if (_query.SsoNames is { } names)
            where.Add(names.Count == 0 ? "0" : $"{_schema.ColumnSql(Role(survey.QueryColumns.SsoName, "Solar System names"))} IN ({string.Join(", ", names.Select(P))})");
        if (_query.Where is { } predicate)
            where.Add(_parameters.Translate(predicate));

        if (where.Count > 0)
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
    }

    private void AddRange(List<string> where, ColumnDef column, JdRange? range)
    {
        if (range?.Start is { } start)
            where.Add($"{_schema.ColumnSql(column)} >= {P(start)}");
        if (range?.Stop is { } stop)
            where.Add($"{_schema.ColumnSql(column)} <= {P(stop)}");
    }

    private ColumnDef Role(ColumnDef? column, string what) =>
        column ?? throw new NotSupportedException($"{_schema.Survey.Title} alerts have no {what} to query.");


    private void AppendOrderAndPage(StringBuilder sql)
    {
        var keys = new List<string>();
        foreach (var key in _query.OrderBy)
        {
            var column = key.Column == SortKey.SeparationColumn
                ? (_query.Cone is null ? throw new ArgumentException("Sorting by separation needs a cone.") : "_chord2")
                : SelectedOrderColumn(key.Column);
            keys.Add(column + (key.Descending ? " DESC" : " ASC"));
        }
        // candid last, in the direction of the last key (SortKey.TieBreakDescending): "jd DESC, candid ASC" would
        // force SQLite to sort every match instead of reading the (x, jd, rowid) index backwards.
        keys.Add((_query.LatestPerObject ? _schema.Key : "a." + _schema.Key) + (SortKey.TieBreakDescending(_query.OrderBy) ? " DESC" : ""));
        sql.Append(" ORDER BY ").AppendJoin(", ", keys);
        sql.AppendLimitOffset(_query.Limit, _query.Offset);
    }

    private string SelectedOrderColumn(string name)
    {
        var column = _schema.Survey.Catalog.Get(name);
        if (!_query.LatestPerObject)
            return _schema.ColumnSql(column);
        // Outside the grouped sub-select only the selected names exist.
        if (!SelectedColumns.Contains(column))
            throw new ArgumentException($"Cannot sort latest-per-object results by '{name}' unless it is selected.");
        return column == _schema.Survey.AlertId ? _schema.Key : $"\"{column.SafeName}\"";
    }

    private string P(object value) => _parameters.Parameter(value);
}
