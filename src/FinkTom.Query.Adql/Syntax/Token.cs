namespace FinkTom.Query.Adql.Syntax;

internal enum TokenKind
{
    Identifier,
    QuotedIdentifier,
    Number,
    String,
    Symbol,
    End,
}

/// <summary>One lexical token; <see cref="Text"/> is the identifier, the unquoted string or the symbol.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Position)
{
    public bool IsKeyword(string word) => Kind == TokenKind.Identifier && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the query",
        TokenKind.String => $"'{Text}'",
        TokenKind.QuotedIdentifier => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
