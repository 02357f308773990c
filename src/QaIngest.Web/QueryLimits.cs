using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>
/// How large a query the server accepts: its length, its clauses, its nesting. Checked before the
/// query is parsed or run, so a hostile query costs the server next to nothing.
/// </summary>
public sealed record QueryLimits(int MaxLength, int MaxClauses, int MaxDepth)
{
    public static QueryLimits Default { get; } = new(500, 40, 6);

    /// <summary>The parsed query, or why it is refused (with the character it is refused at).</summary>
    public (QueryNode? Query, QueryError? Error) Check(string query)
    {
        if (query.Length > MaxLength)
        {
            return (null, new QueryError($"the query is {query.Length} characters long; at most {MaxLength} are allowed", MaxLength));
        }

        // Nesting is counted before parsing: the parser descends once per parenthesis.
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < query.Length; i++)
        {
            switch (query[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    if (++depth > MaxDepth)
                    {
                        return (null, new QueryError($"the query nests parentheses more than {MaxDepth} deep", i));
                    }

                    break;
                case ')' when !quoted:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        var (node, error) = QueryParser.Parse(query);
        if (error is not null)
        {
            return (null, error);
        }

        var clauses = Clauses(node!);
        return clauses > MaxClauses
            ? (null, new QueryError($"the query has {clauses} clauses; at most {MaxClauses} are allowed", 0))
            : (node, null);
    }

    private static int Clauses(QueryNode node) => node switch
    {
        AndQuery and => and.Clauses.Sum(Clauses),
        OrQuery or => or.Clauses.Sum(Clauses),
        NotQuery not => Clauses(not.Clause),
        _ => 1,
    };
}
