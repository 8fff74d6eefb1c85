using Microsoft.Extensions.Options;

namespace FinkTom.Server.Hosting;

/// <summary>Settings mistakes found at start, as the lines a user should read.</summary>
public static class ConfigurationProblems
{
    /// <summary>
    /// The distinct option failures behind a start failure, or an empty list when it was not (only) a settings mistake.
    /// One bad key can fail several options (proxy mode's upstream also configures its HTTP client), so the host
    /// may report it inside an AggregateException more than once.
    /// </summary>
    public static IReadOnlyList<string> Of(Exception error)
    {
        var leaves = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        if (leaves.Count == 0 || !leaves.All(e => e is OptionsValidationException))
            return [];
        return leaves.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct().ToList();
    }
}
