using System.Text;

namespace FinkTom.Server.Formats;

/// <summary>XML 1.0 escaping for hand-written XML (the VOTable writer streams text rather than use XmlWriter).</summary>
internal static class XmlText
{
    private const char Replacement = '\uFFFD';

    /// <summary>Appends element content: <c>&amp; &lt; &gt;</c> escaped, CR kept as <c>&amp;#xD;</c> (a parser would
    /// otherwise turn it into LF), and characters XML 1.0 cannot carry (control characters, lone surrogates) replaced by U+FFFD.</summary>
    public static void AppendContent(StringBuilder text, string value) => Append(text, value, attribute: false);

    /// <summary>Appends an attribute value (to go between double quotes): as content, plus <c>"</c>, TAB and LF as references.</summary>
    public static void AppendAttribute(StringBuilder text, string value) => Append(text, value, attribute: true);

    private static void Append(StringBuilder text, string value, bool attribute)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            switch (ch)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '\r': text.Append("&#xD;"); break;
                case '"' when attribute: text.Append("&quot;"); break;
                case '\n' when attribute: text.Append("&#xA;"); break;
                case '\t' when attribute: text.Append("&#x9;"); break;
                default:
                    if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(ch).Append(value[++i]);
                    }
                    else
                    {
                        text.Append(IsXmlChar(ch) ? ch : Replacement);
                    }
                    break;
            }
        }
    }

    // XML 1.0 Char production for one UTF-16 unit (surrogate pairs are handled by the caller).
    private static bool IsXmlChar(char ch) =>
        ch is '\t' or '\n' or '\r'
        || (ch >= '\u0020' && ch <= '\uD7FF')
        || (ch >= '\uE000' && ch <= '\uFFFD');
}
