namespace FinkTom.Query.Adql;

/// <summary>A query FinkTom cannot run: a syntax error, an unknown table or column, or a construct of ADQL it does not
/// support. The message names the construct and, where it helps, what to write instead; TAP sends it as the error.</summary>
public sealed class AdqlException(string message, int position = -1) : Exception(message)
{
    /// <summary>0-based character offset in the query, or -1 when the problem is not at one place.</summary>
    public int Position { get; } = position;
}
