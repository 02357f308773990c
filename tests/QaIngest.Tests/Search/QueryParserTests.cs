using QaIngest.Search;

namespace QaIngest.Tests.Search;

public class QueryParserTests
{
    [Theory]
    [InlineData("RIZIV budget VDAB", "And(Term(RIZIV) Term(budget) Term(VDAB))")]
    [InlineData("riziv AND vdab OR forem", "Or(And(Term(riziv) Term(vdab)) Term(forem))")]
    [InlineData("\"niet-digitale dienstverlening\"", "Phrase(niet-digitale dienstverlening)")]
    [InlineData("+traject* -corona", "And(Prefix(traject) Not(Term(corona)))")]
    [InlineData("vdab NOT (corona OR covid)", "And(Term(vdab) Not(Or(Term(corona) Term(covid))))")]
    [InlineData("title:vdab asker:savenberg", "And(title:Term(vdab) asker:Term(savenberg))")]
    [InlineData("minister:\"jo brouns\"", "minister:Phrase(jo brouns)")]
    [InlineData("year:2021", "year[2021..2021]")]
    [InlineData("year:2019..2023", "year[2019..2023]")]
    [InlineData("number:693", "number[693..693]")]
    [InlineData("amount:>=10000000", "amount[10000000..]")]
    [InlineData("amount:<5000", "amount(..5000)")]
    [InlineData("amount:[2000000 TO 3000000]", "amount[2000000..3000000]")]
    [InlineData("amount:[* TO 3000000] vdab", "And(amount[..3000000] Term(vdab))")]
    public void Parse_ValidQuery_GivesTree(string query, string expected)
    {
        var (node, error) = QueryParser.Parse(query);

        Assert.Null(error);
        Assert.Equal(expected, Show(node!));
    }

    [Theory]
    [InlineData("\"unclosed", "unclosed '\"'", 0)]
    [InlineData("amount:>=abc", "'abc' is not a number", 9)]
    [InlineData("year:2019..", "a number is missing", 11)]
    [InlineData("AND", "'AND' needs a clause before it", 0)]
    [InlineData("vdab AND", "'AND' needs a clause after it", 5)]
    [InlineData("(vdab", "unclosed '('", 0)]
    [InlineData("vdab)", "unmatched ')'", 4)]
    [InlineData("colour:red", "unknown field 'colour'", 0)]
    [InlineData("", "empty query", 0)]
    [InlineData("-vdab", "only NOT clauses", 0)]
    [InlineData("amount:[1 TO]", "a range is written", 7)]
    [InlineData("tra*ject", "'*' goes at the end", 0)]
    public void Parse_MalformedQuery_GivesErrorWithPosition(string query, string message, int position)
    {
        var (node, error) = QueryParser.Parse(query);

        Assert.Null(node);
        Assert.NotNull(error);
        Assert.Contains(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    private static string Show(QueryNode node) => node switch
    {
        TermQuery t => (t.Field is null ? "" : t.Field + ":") + (t.Prefix ? $"Prefix({t.Word})" : $"Term({t.Word})"),
        PhraseQuery p => (p.Field is null ? "" : p.Field + ":") + $"Phrase({string.Join(' ', p.Words)})",
        AndQuery a => $"And({string.Join(' ', a.Clauses.Select(Show))})",
        OrQuery o => $"Or({string.Join(' ', o.Clauses.Select(Show))})",
        NotQuery n => $"Not({Show(n.Clause)})",
        RangeQuery r => $"{r.Field}{(r.MinInclusive ? "[" : "(")}{r.Min}..{r.Max}{(r.MaxInclusive ? "]" : r.Max is null ? "]" : ")")}",
        _ => node.ToString()!,
    };
}
