using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// SQLite's column accessors called directly on the statement pointer (the same e_sqlite3 library SQLitePCLRaw
/// loads). Through SQLitePCLRaw each call takes and releases the statement's SafeHandle — two interlocked operations
/// that cost a quarter of a wide query's time at two calls per value — and makes a full GC transition. These calls only
/// read the current row (no I/O, no lock on a NOMUTEX connection), so they skip the transition too.
/// </summary>
/// <remarks>Valid only while the statement is on a row and its SafeHandle is alive (its <see cref="ReadConnection"/> holds it).</remarks>
internal static unsafe class SqliteColumns
{
    private const string Library = "e_sqlite3";

    public const int Null = 5; // SQLITE_NULL

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_column_type(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern long sqlite3_column_int64(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern double sqlite3_column_double(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    private static extern byte* sqlite3_column_text(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    private static extern byte* sqlite3_column_blob(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    private static extern int sqlite3_column_bytes(IntPtr statement, int index);

    /// <summary>The value as UTF-8 text decoded (text first, then its length in bytes, as SQLite's documentation asks);
    /// null for SQL NULL, whose text pointer is null (an empty text's is not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Text(IntPtr statement, int index)
    {
        var text = sqlite3_column_text(statement, index);
        if (text == null)
            return sqlite3_column_type(statement, index) == Null ? null : throw new OutOfMemoryException("SQLite could not convert a value to text.");
        var length = sqlite3_column_bytes(statement, index);
        return length == 0 ? "" : Encoding.UTF8.GetString(text, length);
    }

    /// <summary>The value as bytes (an empty array for an empty blob).</summary>
    public static byte[] Blob(IntPtr statement, int index)
    {
        var blob = sqlite3_column_blob(statement, index);
        var length = sqlite3_column_bytes(statement, index);
        return length == 0 ? [] : new ReadOnlySpan<byte>(blob, length).ToArray();
    }
}
