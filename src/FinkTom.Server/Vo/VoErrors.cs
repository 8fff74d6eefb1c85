using System.Text;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Vo;

/// <summary>VO error answers: a VOTable whose results resource holds <c>INFO name="QUERY_STATUS" value="ERROR"</c> with the
/// message (DALI 1.1 §4.4, TAP 1.1 §4.2, SCS 1.1), sent with a 4xx/5xx status.</summary>
public static class VoErrors
{
    public const string VoTableContentType = "application/x-votable+xml";

    public static string Document(string message)
    {
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="utf-8"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
             <RESOURCE type="results">
              <INFO name="QUERY_STATUS" value="ERROR">
            """);
        XmlText.AppendContent(text, message);
        text.Append("</INFO>\n </RESOURCE>\n</VOTABLE>\n");
        return text.ToString();
    }

    public static IResult Result(string message, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Text(Document(message), VoTableContentType, Encoding.UTF8, status);
}
