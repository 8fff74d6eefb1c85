using System.Text;
using CsCheck;

namespace FinkTom.Tests.Fuzz;

/// <summary>A FITS header card given a new value: the first card with this keyword (FITS headers are 80-character cards).</summary>
public readonly record struct CardEdit(string Keyword, string Value)
{
    public override string ToString() => $"{Keyword} = {Value}";
}

/// <summary>Edits of FITS header cards: the keywords readers trust (sizes, types, order) set to awkward values.</summary>
internal static class FitsCards
{
    private const int Card = 80;

    public static readonly Gen<string> Value = Gen.Frequency<string>(
        (3, Mutations.Number.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("'E'", "'D'", "'1024E'", "'0D'", "'99999999999999999999E'", "'2305843009213693952D'", "'J'", "'X'", "'Q'", "''", "'",
            "'NESTED'", "'RING'", "'EXPLICIT'", "'BINTABLE'", "'IMAGE'", "'2020-02-19T09:44:15.197'", "'2020-13-45'", "NaN", "1e308", "-1e308",
            "1.0D+01", "T", "F", "", "'PROB'", "'prob'", "99999999999999999999", "0.5", "-0", "' '")),
        (1, Mutations.AwkwardText));

    /// <summary>Gives the first card named <paramref name="from"/> the keyword <paramref name="to"/>, keeping its value.</summary>
    public static byte[] Rename(this byte[] fits, string from, string to)
    {
        var copy = (byte[])fits.Clone();
        var keyword = Encoding.ASCII.GetBytes(from.PadRight(8));
        for (var at = 0; at + Card <= copy.Length; at += Card)
        {
            if (copy.AsSpan(at, 8).SequenceEqual(keyword))
            {
                Encoding.ASCII.GetBytes(to.PadRight(8)).CopyTo(copy, at);
                break;
            }
        }
        return copy;
    }

    /// <summary>Sets the value of the first card named <see cref="CardEdit.Keyword"/> in the first blocks; no card, no change.</summary>
    public static byte[] Apply(byte[] fits, IEnumerable<CardEdit> edits, int searchBytes = 20 * 2880)
    {
        var copy = (byte[])fits.Clone();
        foreach (var edit in edits)
        {
            var keyword = Encoding.ASCII.GetBytes(edit.Keyword.PadRight(8));
            for (var at = 0; at + Card <= Math.Min(copy.Length, searchBytes); at += Card)
            {
                if (!copy.AsSpan(at, 8).SequenceEqual(keyword))
                    continue;
                var card = $"{edit.Keyword,-8}= {edit.Value,20}";
                var bytes = Encoding.Latin1.GetBytes(card.Length > Card ? card[..Card] : card.PadRight(Card));
                bytes.CopyTo(copy, at);
                break;
            }
        }
        return copy;
    }
}
