using System.Text.RegularExpressions;
using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Livestream.Filters;

/// <summary>
/// An active filter: its predicate compiled once (<see cref="PredicateEvaluator.Compile(Predicate)"/>) and evaluated
/// on every newly stored alert; matching alerts go to <see cref="Topic"/> (<c>fink_&lt;name&gt;_ztf</c>, as Fink names
/// livestream topics) and to the filter's Server-Sent Events stream.
/// </summary>
public sealed partial class LivestreamFilter
{
    public const int MaxNameLength = 64;

    private readonly Func<Alert, bool> _predicate;

    public LivestreamFilter(string name, string expression, Predicate? predicate, string? description, bool builtIn,
        DateTimeOffset? createdAt, BuiltInRefinement? refinement = null)
    {
        Name = name;
        Expression = expression;
        Predicate = predicate;
        Description = description;
        BuiltIn = builtIn;
        CreatedAt = createdAt;
        Refinement = refinement;
        _predicate = predicate is null ? _ => true : PredicateEvaluator.Compile(predicate);
    }

    public string Name { get; }
    public string Expression { get; }
    public Predicate? Predicate { get; }
    public string? Description { get; }
    public bool BuiltIn { get; }
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>A criterion of a built-in Fink filter that the predicate language cannot say (a difference of two columns).</summary>
    public BuiltInRefinement? Refinement { get; }

    public string Topic => TopicFor(Name);

    public bool Matches(Alert alert) => _predicate(alert) && (Refinement is null || Refinement.Matches(alert));

    public static string TopicFor(string name) => $"fink_{name}_ztf";

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
