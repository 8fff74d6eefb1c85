using System.Text.RegularExpressions;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;

namespace FinkTom.Livestream.Filters;

/// <summary>
/// An active filter of one survey: its predicate compiled once over that survey's columns and evaluated on every newly
/// stored alert of the survey; matching alerts go to <see cref="Topic"/> (<c>fink_&lt;name&gt;_ztf</c> or
/// <c>fink_&lt;name&gt;_lsst</c>, as Fink names livestream topics) and to the filter's Server-Sent Events stream.
/// Names are unique across surveys, so that <c>/livestream/filters/{name}</c> names one filter.
/// </summary>
public sealed partial class LivestreamFilter
{
    public const int MaxNameLength = 64;

    private readonly Func<Alert, bool> _predicate;

    public LivestreamFilter(string name, string expression, Predicate? predicate, string? description, bool builtIn,
        DateTimeOffset? createdAt, BuiltInRefinement? refinement = null, Survey? survey = null)
    {
        Survey = survey ?? Survey.Ztf;
        Name = name;
        Expression = expression;
        Predicate = predicate;
        Description = description;
        BuiltIn = builtIn;
        CreatedAt = createdAt;
        Refinement = refinement;
        _predicate = predicate is null ? _ => true : PredicateEvaluator.Compile(predicate, Survey.Catalog);
    }

    /// <summary>Whose alerts the filter sees (the columns its predicate names).</summary>
    public Survey Survey { get; }

    public string Name { get; }
    public string Expression { get; }
    public Predicate? Predicate { get; }
    public string? Description { get; }
    public bool BuiltIn { get; }
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>A criterion of a built-in Fink filter that the predicate language cannot say (a difference of two columns).</summary>
    public BuiltInRefinement? Refinement { get; }

    public string Topic => TopicFor(Name, Survey);

    public bool Matches(Alert alert) => alert.Survey == Survey && _predicate(alert) && (Refinement is null || Refinement.Matches(alert));

    public static string TopicFor(string name) => TopicFor(name, Survey.Ztf);

    public static string TopicFor(string name, Survey survey) => $"fink_{name}_{survey.Name}";

    /// <summary>The survey whose livestream topic this is (<c>fink_*_ztf</c>, <c>fink_*_lsst</c>), or null.</summary>
    public static Survey? SurveyOfTopic(string topic) =>
        topic.EndsWith("_" + Survey.Lsst.Name, StringComparison.Ordinal) ? Survey.Lsst
        : topic.EndsWith("_" + Survey.Ztf.Name, StringComparison.Ordinal) ? Survey.Ztf
        : null;

    /// <summary>Names become topic names: lower-case letters, digits and underscores, starting with a letter.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrEmpty(name) ? "A filter needs a name."
        : name.Length > MaxNameLength ? $"A filter name has at most {MaxNameLength} characters."
        : !NamePattern().IsMatch(name) ? $"'{name}' is not a valid filter name: use lower-case letters, digits and '_', starting with a letter (the topic is fink_<name>_ztf)."
        : null;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}

/// <summary>An in-memory criterion of a built-in filter, with its text for users.</summary>
public sealed record BuiltInRefinement(string Text, Func<Alert, bool> Matches);
