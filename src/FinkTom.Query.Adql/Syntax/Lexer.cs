namespace FinkTom.Query.Adql.Syntax;

/// <summary>ADQL's lexical rules: case-insensitive words, "delimited identifiers", 'strings' with '' for a quote,
/// unsigned numbers (1, 1.5, .5, 1e-3), -- comments, and the symbols of comparisons and lists.</summary>
internal static class Lexer
{
    private static readonly string[] Symbols = ["<>", "!=", "<=", ">=", "||", "=", "<", ">", "(", ")", ",", ".", "*", "+", "-", "/", ";"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '-' && At(text, i, "--")))
            {
                if (text[i] == '-')
                    while (i < text.Length && text[i] != '\n')
                        i++;
                else
                    i++;
            }
            if (i >= text.Length)
                break;
            var start = i;
            var c = text[i];
            if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                if (i < text.Length && text[i] == '.')
                    for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++) { }
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    var e = i + 1;
                    if (e < text.Length && text[e] is '+' or '-')
                        e++;
                    if (e < text.Length && char.IsAsciiDigit(text[e]))
                        for (i = e; i < text.Length && char.IsAsciiDigit(text[i]); i++) { }
                }
                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new Token(c == '"' ? TokenKind.QuotedIdentifier : TokenKind.String, Quoted(text, ref i, c), start));
            }
            else if (Symbols.FirstOrDefault(s => At(text, i, s)) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol == "!=" ? "<>" : symbol, start));
            }
            else
            {
                throw new AdqlException($"Unexpected character '{c}' at position {start + 1}.", start);
            }
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool At(string text, int i, string s) => string.CompareOrdinal(text, i, s, 0, s.Length) == 0;

    // A doubled quote stands for one quote character inside.
    private static string Quoted(string text, ref int i, char quote)
    {
        var start = i;
        var value = new System.Text.StringBuilder();
        for (i++; ; i++)
        {
            if (i >= text.Length)
                throw new AdqlException($"The {(quote == '"' ? "quoted identifier" : "string")} opened at position {start + 1} is never closed.", start);
            if (text[i] != quote)
            {
                value.Append(text[i]);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == quote)
            {
                value.Append(quote);
                i++;
                continue;
            }
            i++;
            return value.ToString();
        }
    }
}
