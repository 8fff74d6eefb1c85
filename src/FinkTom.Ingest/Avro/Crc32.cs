namespace FinkTom.Ingest.Avro;

/// <summary>
/// CRC-32 (IEEE 802.3, polynomial 0xEDB88320, as <c>java.util.zip.CRC32</c>), which the Avro snappy codec appends
/// to every block. Slicing-by-8: blocks of Spark-written files are megabytes of mostly incompressible cutouts.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var t = Table;
        while (data.Length >= 8)
        {
            var lo = crc ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
            crc = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)] ^ t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
                ^ t[3 * 256 + data[4]] ^ t[2 * 256 + data[5]] ^ t[256 + data[6]] ^ t[data[7]];
            data = data[8..];
        }
        foreach (var b in data)
            crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        // Table k holds the CRC of byte i followed by k zero bytes.
        for (var i = 0; i < 256; i++)
            for (var k = 1; k < 8; k++)
                table[k * 256 + i] = table[(k - 1) * 256 + i] >> 8 ^ table[table[(k - 1) * 256 + i] & 0xFF];
        return table;
    }
}
