namespace FinkTom.Query.Adql.Syntax;

/// <summary>
/// Recursive-descent parser for one ADQL 2.1 <c>SELECT [TOP n] ... FROM table [WHERE ...] [ORDER BY ...] [OFFSET n]</c>.
/// Joins, sub-queries, GROUP BY, HAVING, DISTINCT, set operations and WITH are refused with an
/// <see cref="AdqlException"/> naming them; so is anything after the statement.
/// </summary>
public sealed class AdqlParser
{
    /// <summary>Deepest nesting of conditions and parentheses: deep enough for any hand-written query, shallow enough
    /// that neither this parser nor a store's SQL or JSON nesting limit is reached.</summary>
    public const int MaxDepth = 100;

    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "JOIN", "NATURAL", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "GROUP", "HAVING", "UNION", "EXCEPT", "INTERSECT", "WITH", "DISTINCT",
    };

    // Words that end an expression or cannot be a column name where one is expected.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ORDER", "BY", "AS", "TOP", "OFFSET", "BETWEEN", "IN", "LIKE", "ILIKE", "IS",
        "NULL", "ASC", "DESC", "EXISTS", "ON", "USING", "ALL",
    };

    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;

    private AdqlParser(string text) => _tokens = Lexer.Tokenize(text);

    /// <exception cref="AdqlException">The text is not a query FinkTom parses; the message says where and why.</exception>
    public static SelectStatement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new AdqlException("The query is empty.");
        if (text.Length > Translation.AdqlTranslator.MaxLength)
            throw new AdqlException($"The query is {text.Length:N0} characters long; at most {Translation.AdqlTranslator.MaxLength:N0} are accepted.");
        return new AdqlParser(text).Statement();
    }

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private bool TakeKeyword(string word)
    {
        if (!Peek.IsKeyword(word))
            return false;
        _next++;
        return true;
    }

    private bool TakeSymbol(string symbol)
    {
        if (!Peek.IsSymbol(symbol))
            return false;
        _next++;
        return true;
    }

    private void ExpectKeyword(string word)
    {
        if (!TakeKeyword(word))
            throw Error($"Expected {word} but found {Peek.Describe()}");
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TakeSymbol(symbol))
            throw Error($"Expected '{symbol}' but found {Peek.Describe()}");
    }

    private AdqlException Error(string message, Token? at = null)
    {
        var token = at ?? Peek;
        return new AdqlException($"{message} at position {token.Position + 1}.", token.Position);
    }

    private static AdqlException Unsupported(string construct, Token at) =>
        new($"{construct} is not supported by this TAP service (position {at.Position + 1}); FinkTom runs one SELECT over one table.", at.Position);

    private SelectStatement Statement()
    {
        if (Peek.IsKeyword("WITH"))
            throw Unsupported("WITH (common table expressions)", Peek);
        ExpectKeyword("SELECT");
        if (Peek.IsKeyword("DISTINCT"))
            throw Unsupported("SELECT DISTINCT", Peek);
        TakeKeyword("ALL");
        long? top = TakeKeyword("TOP") ? Count("TOP") : null;
        var items = SelectList();
        ExpectKeyword("FROM");
        var from = Table();
        if (Peek.IsSymbol(","))
            throw Unsupported("A second table in FROM (a join)", Peek);
        RefuseHere();
        var where = TakeKeyword("WHERE") ? Condition() : null;
        RefuseHere();
        var order = new List<OrderItem>();
        if (TakeKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                var value = Expression();
                var descending = TakeKeyword("DESC");
                if (!descending)
                    TakeKeyword("ASC");
                order.Add(new OrderItem(value, descending));
            }
            while (TakeSymbol(","));
        }
        long? offset = TakeKeyword("OFFSET") ? Count("OFFSET") : null;
        RefuseHere();
        TakeSymbol(";");
        if (Peek.Kind != TokenKind.End)
            throw Error($"Unexpected {Peek.Describe()} after the end of the query");
        return new SelectStatement(top, items, from, where, order, offset);
    }

    private void RefuseHere()
    {
        if (Peek.Kind == TokenKind.Identifier && Refused.Contains(Peek.Text))
            throw Unsupported(Peek.Text.ToUpperInvariant(), Peek);
    }

    private long Count(string clause)
    {
        var token = Take();
        if (token.Kind != TokenKind.Number || !long.TryParse(token.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            throw Error($"{clause} needs a whole number, not {token.Describe()}", token);
        return n;
    }

    private IReadOnlyList<SelectItem>? SelectList()
    {
        if (TakeSymbol("*"))
            return null;
        var items = new List<SelectItem>();
        do
        {
            var start = Peek;
            if (start.Kind == TokenKind.Identifier && Peek.Kind == TokenKind.Identifier && _tokens[_next + 1].IsSymbol(".") && _tokens[_next + 2].IsSymbol("*"))
                throw Unsupported("table.* in the select list", start);
            var value = Expression();
            string? alias = null;
            if (TakeKeyword("AS"))
                alias = Name("a column alias");
            else if (Peek.Kind == TokenKind.QuotedIdentifier || Peek.Kind == TokenKind.Identifier && !Reserved.Contains(Peek.Text))
                alias = Name("a column alias");
            items.Add(new SelectItem(value, alias));
        }
        while (TakeSymbol(","));
        return items;
    }

    private string Name(string what)
    {
        var token = Take();
        return token.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier
            ? token.Text
            : throw Error($"Expected {what} but found {token.Describe()}", token);
    }

    private TableRef Table()
    {
        if (Peek.IsSymbol("("))
            throw Unsupported("A sub-query in FROM", Peek);
        var first = Name("a table name");
        string? schema = null;
        var name = first;
        if (TakeSymbol("."))
        {
            schema = first;
            name = Name("a table name");
        }
        string? alias = null;
        if (TakeKeyword("AS"))
            alias = Name("a table alias");
        else if (Peek.Kind == TokenKind.QuotedIdentifier || Peek.Kind == TokenKind.Identifier && !Reserved.Contains(Peek.Text) && !Refused.Contains(Peek.Text))
            alias = Name("a table alias");
        return new TableRef(schema, name, alias);
    }

    private Condition Condition()
    {
        Enter();
        var left = AndCondition();
        while (TakeKeyword("OR"))
            left = new OrCondition(left, AndCondition());
        _depth--;
        return left;
    }

    private Condition AndCondition()
    {
        var left = NotCondition();
        while (TakeKeyword("AND"))
            left = new AndCondition(left, NotCondition());
        return left;
    }

    private Condition NotCondition()
    {
        if (!TakeKeyword("NOT"))
            return Predicate();
        Enter();
        var operand = NotCondition();
        _depth--;
        return new NotCondition(operand);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw Error($"The query nests conditions or parentheses more than {MaxDepth} levels deep");
    }

    private Condition Predicate()
    {
        var start = Peek;
        if (start.IsKeyword("EXISTS"))
            throw Unsupported("EXISTS (a sub-query)", start);
        if (start.IsSymbol("("))
        {
            if (_tokens[_next + 1].IsKeyword("SELECT"))
                throw Unsupported("A sub-query", start);
            // Always a parenthesised condition: arithmetic is refused anyway, so (a + b) > 1 needs no look-ahead.
            _next++;
            var inner = Condition();
            ExpectSymbol(")");
            return inner;
        }
        var left = Expression();
        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "=" or "<>" or "<" or ">" or "<=" or ">=")
        {
            var op = Take().Text;
            if (Peek.IsKeyword("ALL") || Peek.IsKeyword("ANY") || Peek.IsKeyword("SOME"))
                throw Unsupported($"{Peek.Text.ToUpperInvariant()} (a sub-query)", Peek);
            return new Comparison(left, op, Expression());
        }
        if (TakeKeyword("IS"))
        {
            var negated = TakeKeyword("NOT");
            ExpectKeyword("NULL");
            return new NullCondition(left, negated);
        }
        var not = TakeKeyword("NOT");
        if (TakeKeyword("BETWEEN"))
        {
            var low = Expression();
            ExpectKeyword("AND");
            return new BetweenCondition(left, low, Expression(), not);
        }
        if (TakeKeyword("IN"))
        {
            ExpectSymbol("(");
            if (Peek.IsKeyword("SELECT"))
                throw Unsupported("IN (a sub-query)", Peek);
            var list = new List<Expr>();
            do
                list.Add(Expression());
            while (TakeSymbol(","));
            ExpectSymbol(")");
            return new InCondition(left, list, not);
        }
        if (Peek.IsKeyword("LIKE") || Peek.IsKeyword("ILIKE"))
        {
            var insensitive = Take().IsKeyword("ILIKE");
            return new LikeCondition(left, Expression(), not, insensitive);
        }
        throw Error($"Expected a comparison (=, <>, <, >, <=, >=, BETWEEN, IN, LIKE or IS NULL) but found {Peek.Describe()}");
    }

    private Expr Expression()
    {
        var left = Term();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "+" or "-" or "*" or "/" or "||")
        {
            var op = Take().Text;
            left = new BinaryExpr(left, op, Term());
        }
        return left;
    }

    private Expr Term()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberLiteral(token.Text);
            case TokenKind.String:
                return new StringLiteral(token.Text);
            case TokenKind.Symbol when token.Text is "-" or "+" && Peek.Kind == TokenKind.Number:
                var number = Take().Text;
                return new NumberLiteral(token.Text == "-" ? "-" + number : number);
            case TokenKind.Symbol when token.Text is "-" or "+":
                throw Unsupported("A sign before an expression other than a number (arithmetic)", token);
            case TokenKind.Symbol when token.Text == "(":
                if (Peek.IsKeyword("SELECT"))
                    throw Unsupported("A sub-query", token);
                Enter();
                var inner = Expression();
                _depth--;
                ExpectSymbol(")");
                return inner;
            case TokenKind.QuotedIdentifier:
                return Column(token);
            case TokenKind.Identifier when token.IsKeyword("NULL"):
                throw Error("NULL cannot be compared with =; write 'column IS NULL'", token);
            case TokenKind.Identifier when Reserved.Contains(token.Text) || Refused.Contains(token.Text):
                throw Error($"Expected a column, a number, a string or a function but found the keyword {token.Text.ToUpperInvariant()}", token);
            case TokenKind.Identifier when Peek.IsSymbol("("):
                return Function(token);
            case TokenKind.Identifier:
                return Column(token);
            default:
                throw Error($"Expected a column, a number, a string or a function but found {token.Describe()}", token);
        }
    }

    private ColumnRef Column(Token first)
    {
        if (!TakeSymbol("."))
            return new ColumnRef(null, first.Text, first.Kind == TokenKind.QuotedIdentifier);
        var second = Take();
        if (second.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
            throw Error($"Expected a column name after '{first.Text}.' but found {second.Describe()}", second);
        if (Peek.IsSymbol("."))
            throw Unsupported("A column qualified by schema and table (schema.table.column); use the table's name or alias", Peek);
        return new ColumnRef(first.Text, second.Text, second.Kind == TokenKind.QuotedIdentifier);
    }

    private FunctionCall Function(Token name)
    {
        ExpectSymbol("(");
        Enter();
        var arguments = new List<Expr>();
        if (TakeSymbol("*"))
            arguments.Add(new Star());
        else if (!Peek.IsSymbol(")"))
        {
            if (Peek.IsKeyword("DISTINCT"))
                throw Unsupported($"{name.Text.ToUpperInvariant()}(DISTINCT ...)", Peek);
            do
                arguments.Add(Expression());
            while (TakeSymbol(","));
        }
        ExpectSymbol(")");
        _depth--;
        return new FunctionCall(name.Text.ToUpperInvariant(), arguments);
    }
}
