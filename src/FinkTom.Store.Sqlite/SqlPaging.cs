using System.Text;

namespace FinkTom.Store.Sqlite;

internal static class SqlPaging
{
    /// <summary>Appends LIMIT/OFFSET; SQLite needs a LIMIT before an OFFSET, -1 meaning none.</summary>
    public static StringBuilder AppendLimitOffset(this StringBuilder sql, int? limit, int offset)
    {
        if (limit is { } n)
            sql.Append($" LIMIT {Math.Max(0, n)}");
        else if (offset > 0)
            sql.Append(" LIMIT -1");
        if (offset > 0)
            sql.Append($" OFFSET {offset}");
        return sql;
    }
}
