using CsCheck;
using FinkTom.Query.Adql;
using FinkTom.Query.Adql.Syntax;
using FinkTom.Query.Adql.Translation;
using FinkTom.Tests.Fuzz;

namespace FinkTom.Tests.Vo;

/// <summary>Properties of the ADQL parser: every tree it can produce survives printing and parsing again, and any text
/// gives a tree or an <see cref="AdqlException"/> (with a position inside the text), nothing else.</summary>
public sealed class AdqlParserPropertyTests
{
    [Fact]
    public void Printing_a_tree_and_parsing_it_again_gives_the_same_tree()
    {
        FuzzRun.Check(AdqlGrammar.Statement, statement =>
        {
            var text = AdqlPrinter.Print(statement);
            var parsed = AdqlParser.Parse(text);
            Assert.Equal(text, AdqlPrinter.Print(parsed));
        }, ci: 3000, print: AdqlPrinter.Print);
    }

    [Fact]
    public void Keywords_are_case_insensitive_and_layout_does_not_matter()
    {
        FuzzRun.Check(Gen.Select(AdqlGrammar.Statement, Gen.Int), input =>
        {
            var (statement, seed) = input;
            var text = AdqlPrinter.Print(statement);
            var random = new Random(seed);
            // Re-case keywords and pad the symbols with spaces or newlines (outside strings and delimited names).
            var relaid = new System.Text.StringBuilder();
            var quote = '\0';
            foreach (var c in text)
            {
                if (quote != '\0')
                {
                    relaid.Append(c);
                    if (c == quote)
                        quote = '\0';
                    continue;
                }
                if (c is '\'' or '"')
                    quote = c;
                if (c is ',' or '(' or ')' && random.Next(3) == 0)
                    relaid.Append(random.Next(2) == 0 ? " \n" : "\t");
                relaid.Append(char.IsAsciiLetter(c) && random.Next(2) == 0 ? char.ToLowerInvariant(c) : c);
            }
            // Lower-casing changed unquoted names too, which compare case-insensitively: compare the trees case-blind.
            Assert.Equal(text.ToLowerInvariant(), AdqlPrinter.Print(AdqlParser.Parse(relaid.ToString())).ToLowerInvariant());
        }, ci: 1000);
    }

    [Fact]
    public void Any_text_parses_and_translates_or_is_refused_with_an_AdqlException()
    {
        var valid = AdqlGrammar.Statement.Select(AdqlPrinter.Print);
        var texts = Gen.Frequency(
            (3, Gen.Select(valid, Mutations.Edits(4), (text, edits) => Mutations.Apply(text, edits))),
            (1, Mutations.AwkwardText.Select(t => "SELECT " + t)),
            (1, Mutations.AwkwardText));
        var tally = new FuzzTally();
        FuzzRun.Check(texts, text =>
        {
            try
            {
                AdqlTranslator.Translate(text);
                tally.Add("translated");
            }
            catch (AdqlException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.InRange(e.Position, -1, text.Length);
                tally.Add("refused");
            }
        }, ci: 5000);
        tally.Log();
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var deep = "SELECT * FROM ztf.alerts WHERE " + string.Concat(Enumerable.Repeat("NOT (", 5000)) + "fid = 1" + new string(')', 5000);
        var error = Assert.Throws<AdqlException>(() => AdqlParser.Parse(deep));
        Assert.Contains("100 levels", error.Message);
    }
}
