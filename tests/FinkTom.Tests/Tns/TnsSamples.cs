using System.Globalization;
using System.Text;
using FinkTom.Core.Tns;

namespace FinkTom.Tests.Tns;

/// <summary>TNS public-objects CSV text as TNS writes it: a date line, the header, quoted records.</summary>
internal static class TnsSamples
{
    public const string Header =
        "\"objid\",\"name_prefix\",\"name\",\"ra\",\"declination\",\"redshift\",\"typeid\",\"type\",\"reporting_groupid\",\"reporting_group\"," +
        "\"source_groupid\",\"source_group\",\"discoverydate\",\"discoverymag\",\"discmagfilter\",\"filter\",\"reporters\",\"time_received\"," +
        "\"internal_names\",\"creationdate\",\"lastmodified\"";

    public static string Csv(IEnumerable<TnsEntry> entries)
    {
        var text = new StringBuilder("\"2026-12-04 00:00:00\"\n").Append(Header).Append('\n');
        var id = 0;
        foreach (var e in entries)
        {
            var space = e.FullName.IndexOf(' ');
            var (prefix, name) = space < 0 ? ("", e.FullName) : (e.FullName[..space], e.FullName[(space + 1)..]);
            string[] cells =
            [
                (++id).ToString(CultureInfo.InvariantCulture), prefix, name, e.Ra.ToString("R", CultureInfo.InvariantCulture),
                e.Dec.ToString("R", CultureInfo.InvariantCulture), e.Redshift?.ToString("R", CultureInfo.InvariantCulture) ?? "", "", e.Type ?? "",
                "", "ZTF", "", "ZTF", "2023-05-19 17:27:03.000", "14.9", "r", "r-ZTF", "A. Someone, B. \"Quoted\" Other,\nand a line break",
                "2023-05-19 18:00:00", string.Join(", ", e.InternalNames), "2023-05-19", "2024-01-01",
            ];
            text.Append(string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"") + "\""))).Append('\n');
        }
        return text.ToString();
    }

    public static readonly TnsEntry[] Catalogue =
    [
        new("SN 2023ixf", 210.910674637, 54.31165887, "SN II", 0.000804, ["ZTF23aaklqou", "ATLAS23pxh"]),
        new("SN 2023abc", 12.5, -30.25, "SN Ia", 0.05, ["ZTF23abcdefg"]),
        new("AT 2023xyz", 12.5004, -30.25, null, null, ["ZTF23zzzzzzz", "PS23xyz"]),
        new("AT 2024old", 100, 10, null, null, []),
    ];
}
