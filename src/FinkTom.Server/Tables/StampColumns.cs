using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Server.Cutouts;

namespace FinkTom.Server.Tables;

/// <summary><c>withcutouts</c>: each row gets its stamps as 2-D arrays of floats (63×63 for ZTF), named as Fink names them.</summary>
public static class StampColumns
{
    public static string NameOf(CutoutKind kind) => CutoutArrays.ColumnName(kind);

    public static IEnumerable<OutputColumn> Columns(IReadOnlyList<CutoutKind> kinds) =>
        kinds.Select(kind => new OutputColumn(NameOf(kind), ColumnType.Float,
            row => row.Stamps?.GetValueOrDefault(NameOf(kind)) ?? (object)Array.Empty<float[]>(), IsArray: true));

    /// <summary><c>withcutouts</c> on an answer: decodes the stamps of its rows and appends their columns.</summary>
    public static void AddTo(List<OutputColumn> output, IReadOnlyList<AlertRow> rows, IReadOnlyList<CutoutKind> kinds)
    {
        Attach(rows, kinds);
        output.AddRange(Columns(kinds));
    }

    /// <summary>Decodes the requested stamps of each alert row; a stamp that is missing or unreadable becomes [] as in Fink.</summary>
    public static void Attach(IEnumerable<AlertRow> rows, IReadOnlyList<CutoutKind> kinds)
    {
        foreach (var row in rows)
        {
            if (row.Alert.Cutouts is not { } cutouts)
                continue;
            row.Stamps = [];
            foreach (var kind in kinds)
                if (cutouts.Get(kind) is { } bytes && TryDecode(bytes, out var array))
                    row.Stamps[NameOf(kind)] = array;
        }
    }

    private static bool TryDecode(byte[] stamp, out float[][] array)
    {
        try
        {
            array = CutoutArrays.ToRows(FitsImage.Read(stamp));
            return true;
        }
        catch (FormatException)
        {
            array = [];
            return false;
        }
    }
}
