using System.Globalization;
using System.Text;

namespace FinkTom.Server.Vo.Uws;

/// <summary>UWS 1.1 XML documents (namespace <c>http://www.ivoa.net/xml/UWS/v1.0</c>): the job list and one job.</summary>
public static class UwsDocuments
{
    private const string Namespaces = """xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.1" """;

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<UwsJob> jobs, string baseUrl)
    {
        var text = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<uws:jobs {Namespaces.TrimEnd()}>\n");
        foreach (var job in jobs)
            text.Append($" <uws:jobref id=\"{job.Id}\" xlink:href=\"{VoXml.Escape(baseUrl)}/{job.Id}\"><uws:phase>{job.Phase}</uws:phase>")
                .Append(job.RunId is { } run ? $"<uws:runId>{VoXml.Escape(run)}</uws:runId>" : "")
                .Append($"<uws:creationTime>{Time(job.Created)}</uws:creationTime></uws:jobref>\n");
        return text.Append("</uws:jobs>\n").ToString();
    }

    public static string Job(UwsJob job, string jobUrl)
    {
        var text = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<uws:job {Namespaces.TrimEnd()}>\n");
        text.Append($" <uws:jobId>{job.Id}</uws:jobId>\n");
        if (job.RunId is { } run)
            text.Append($" <uws:runId>{VoXml.Escape(run)}</uws:runId>\n");
        text.Append(" <uws:ownerId xsi:nil=\"true\"/>\n");
        text.Append($" <uws:phase>{job.Phase}</uws:phase>\n");
        text.Append(" <uws:quote xsi:nil=\"true\"/>\n");
        text.Append($" <uws:creationTime>{Time(job.Created)}</uws:creationTime>\n");
        text.Append(job.Started is { } start ? $" <uws:startTime>{Time(start)}</uws:startTime>\n" : " <uws:startTime xsi:nil=\"true\"/>\n");
        text.Append(job.Ended is { } end ? $" <uws:endTime>{Time(end)}</uws:endTime>\n" : " <uws:endTime xsi:nil=\"true\"/>\n");
        text.Append($" <uws:executionDuration>{job.ExecutionSeconds}</uws:executionDuration>\n");
        text.Append($" <uws:destruction>{Time(job.Destruction)}</uws:destruction>\n");
        text.Append(Parameters(job, indent: " "));
        text.Append(job.Result is null ? " <uws:results/>\n"
            : $" <uws:results>\n  <uws:result id=\"result\" xlink:href=\"{VoXml.Escape(jobUrl)}/results/result\"/>\n </uws:results>\n");
        if (job.Error is { } error)
            text.Append($" <uws:errorSummary type=\"fatal\" hasDetail=\"true\">\n  <uws:message>{VoXml.Escape(error)}</uws:message>\n </uws:errorSummary>\n");
        return text.Append("</uws:job>\n").ToString();
    }

    public static string ParametersDocument(UwsJob job) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<uws:parameters {Namespaces.TrimEnd()}>\n{ParameterLines(job, " ")}</uws:parameters>\n";

    public static string Results(UwsJob job, string jobUrl) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<uws:results {Namespaces.TrimEnd()}>\n" +
        (job.Result is null ? "" : $" <uws:result id=\"result\" xlink:href=\"{VoXml.Escape(jobUrl)}/results/result\"/>\n") + "</uws:results>\n";

    private static string Parameters(UwsJob job, string indent) =>
        $"{indent}<uws:parameters>\n{ParameterLines(job, indent + " ")}{indent}</uws:parameters>\n";

    private static string ParameterLines(UwsJob job, string indent) => string.Concat(job.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{indent}<uws:parameter id=\"{VoXml.Escape(p.Key.ToUpperInvariant())}\">{VoXml.Escape(p.Value)}</uws:parameter>\n"));
}
