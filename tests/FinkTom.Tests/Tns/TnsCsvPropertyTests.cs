using CsCheck;
using FinkTom.Core.Tns;

namespace FinkTom.Tests.Tns;

/// <summary>The TNS CSV reader: what TNS writes reads back exactly, whatever the names hold; anything else is refused
/// with a <see cref="FormatException"/>, never another exception.</summary>
public sealed class TnsCsvPropertyTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["a-zA-Z0-9 ,\"'\n_-"], 1, 12].Select(s => s.Trim()).Where(s => s.Length > 0 && !s.Contains(','));

    private static readonly Gen<TnsEntry> Entry = Gen.Select(
        Gen.OneOf(Gen.Const("SN"), Gen.Const("AT"), Gen.Const("FRB")), Text.Where(s => !s.Contains(' ')), Gen.Double[0, 359.999], Gen.Double[-90, 90],
        Gen.Bool.SelectMany(none => none ? Gen.Const((string?)null) : Text.Select(t => (string?)t)), Gen.Bool.SelectMany(none => none ? Gen.Const((double?)null) : Gen.Double[0, 3].Select(z => (double?)z)),
        Text.Where(s => !s.Contains(' ')).Array[0, 3],
        (prefix, name, ra, dec, type, z, internals) => new TnsEntry(prefix + " " + name, ra, dec, type, z, internals));

    [Fact]
    public void What_TNS_writes_reads_back_exactly() =>
        Entry.Array[0, 20].Sample(entries =>
        {
            var read = TnsCsv.Read(new StringReader(TnsSamples.Csv(entries)));

            Assert.Equal(0, read.Skipped);
            Assert.Equal(entries.Length, read.Entries.Count);
            foreach (var (expected, actual) in entries.Zip(read.Entries))
            {
                Assert.Equal((expected.FullName, expected.Ra, expected.Dec, expected.Type, expected.Redshift),
                    (actual.FullName, actual.Ra, actual.Dec, actual.Type, actual.Redshift));
                Assert.Equal(expected.InternalNames, actual.InternalNames);
            }
        });

    [Fact]
    public void Any_text_is_read_or_refused_with_a_format_error() =>
        Gen.String.Sample(text =>
        {
            try
            {
                TnsCsv.Read(new StringReader(text));
            }
            catch (FormatException)
            {
            }
        });

    [Fact]
    public void A_record_without_a_usable_position_is_skipped_and_counted()
    {
        var csv = TnsSamples.Csv(TnsSamples.Catalogue).Replace("\"12.5\"", "\"twelve\"");

        var read = TnsCsv.Read(new StringReader(csv));

        Assert.Equal(TnsSamples.Catalogue.Length - 1, read.Entries.Count);
        Assert.Equal(1, read.Skipped);
        Assert.Contains("ra/declination", read.FirstSkipReason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("objectId,ra,dec\nZTF1,1,2\n")]
    [InlineData("\"2026-12-04\"\n\"name_prefix\",\"name\",\"ra\"\n")]
    public void A_file_that_is_not_the_catalogue_is_refused(string text) =>
        Assert.Throws<FormatException>(() => TnsCsv.Read(new StringReader(text)));
}
