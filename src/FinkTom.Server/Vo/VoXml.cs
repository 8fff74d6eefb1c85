using System.Text;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Vo;

/// <summary>Text made safe for the XML documents of the VO services (VOSI, UWS), in content and in attributes.</summary>
internal static class VoXml
{
    public static string Escape(string value)
    {
        var text = new StringBuilder();
        XmlText.AppendAttribute(text, value);
        return text.ToString();
    }
}
