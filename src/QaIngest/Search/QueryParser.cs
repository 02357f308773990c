using System.Collections.Immutable;
using System.Globalization;

namespace QaIngest.Search;

/// <summary>
/// Parses the Lucene-like query language: terms, <c>"phrases"</c>, <c>AND</c>/<c>OR</c>/<c>NOT</c>,
/// <c>+term</c>/<c>-term</c>, <c>prefix*</c>, parentheses, fields <c>title:</c>, <c>asker:</c>,
/// <c>minister:</c>, <c>year:2021</c>, <c>year:2019..2023</c>, <c>number:693</c>, and amount filters
/// <c>amount:&gt;=10000000</c>, <c>amount:[2000000 TO 3000000]</c>. Clauses without an operator
/// must all match. A malformed query is a <see cref="QueryError"/> with its position, never an
/// exception. Pure and thread-safe.
/// </summary>
public static class QueryParser
{
    /// <summary>Fields that filter on text.</summary>
    public static readonly ImmutableArray<string> TextFields = ["title", "asker", "minister", "theme", "answer"];

    /// <summary>Fields that filter on numbers.</summary>
    public static readonly ImmutableArray<string> NumericFields = ["year", "number", "amount"];

    /// <summary>Parses a query into its tree, or returns why it cannot.</summary>
    public static (QueryNode? Query, QueryError? Error) Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new Reader(query);
        try
        {
            var node = parser.ParseQuery();
            return (node, null);
        }
        catch (QuerySyntaxException e)
        {
            return (null, new QueryError(e.Message, e.Position));
        }
    }

    private sealed class QuerySyntaxException(string message, int position) : Exception(message)
    {
        public int Position { get; } = position;
    }

    /// <summary>A recursive-descent reader over the query string.</summary>
    private sealed class Reader(string text)
    {
        private int pos;

        public QueryNode ParseQuery()
        {
            SkipSpace();
            if (pos >= text.Length)
            {
                throw new QuerySyntaxException("empty query", 0);
            }

            var node = ParseOr();
            SkipSpace();
            if (pos < text.Length)
            {
                throw new QuerySyntaxException(text[pos] == ')' ? "unmatched ')'" : $"unexpected '{text[pos]}'", pos);
            }

            if (!HasPositive(node))
            {
                throw new QuerySyntaxException("a query needs at least one clause that must match, not only NOT clauses", 0);
            }

            return node;
        }

        private QueryNode ParseOr()
        {
            var clauses = new List<QueryNode> { ParseAnd() };
            while (TryKeyword("OR"))
            {
                clauses.Add(ParseAnd());
            }

            return clauses.Count == 1 ? clauses[0] : new OrQuery([.. clauses]);
        }

        private QueryNode ParseAnd()
        {
            var clauses = new List<QueryNode> { ParseUnary() };
            while (true)
            {
                SkipSpace();
                if (pos >= text.Length || text[pos] == ')' || PeekKeyword("OR"))
                {
                    break;
                }

                TryKeyword("AND");
                clauses.Add(ParseUnary());
            }

            return clauses.Count == 1 ? clauses[0] : new AndQuery([.. clauses]);
        }

        private QueryNode ParseUnary()
        {
            SkipSpace();
            var start = pos;
            if (TryKeyword("NOT"))
            {
                return new NotQuery(ParseUnary());
            }

            if (pos < text.Length && text[pos] is '-' or '+' && pos + 1 < text.Length && !char.IsWhiteSpace(text[pos + 1]))
            {
                var negate = text[pos] == '-';
                pos++;
                var clause = ParsePrimary();
                return negate ? new NotQuery(clause) : clause;
            }

            if (PeekKeyword("AND") || PeekKeyword("OR"))
            {
                throw new QuerySyntaxException($"'{text.Substring(start, PeekKeyword("AND") ? 3 : 2)}' needs a clause before it", start);
            }

            return ParsePrimary();
        }

        private QueryNode ParsePrimary()
        {
            SkipSpace();
            if (pos >= text.Length)
            {
                throw new QuerySyntaxException("the query ends where a clause was expected", pos);
            }

            var c = text[pos];
            if (c == '(')
            {
                var open = pos++;
                var inner = ParseOr();
                SkipSpace();
                if (pos >= text.Length || text[pos] != ')')
                {
                    throw new QuerySyntaxException("unclosed '('", open);
                }

                pos++;
                return inner;
            }

            if (c == '"')
            {
                return ParsePhrase(null);
            }

            if (c == ')')
            {
                throw new QuerySyntaxException("unmatched ')'", pos);
            }

            var wordStart = pos;
            var word = ReadWord();
            if (pos < text.Length && text[pos] == ':' && word.Length > 0)
            {
                var field = word.ToLowerInvariant();
                pos++;
                if (NumericFields.Contains(field))
                {
                    return ParseRange(field, wordStart);
                }

                if (!TextFields.Contains(field))
                {
                    throw new QuerySyntaxException($"unknown field '{word}' (fields: {string.Join(", ", TextFields.Concat(NumericFields))})", wordStart);
                }

                if (pos < text.Length && text[pos] == '"')
                {
                    return ParsePhrase(field);
                }

                var valueStart = pos;
                var value = ReadWord();
                if (value.Length == 0)
                {
                    throw new QuerySyntaxException($"'{field}:' needs a value", valueStart);
                }

                return MakeTerm(value, field, valueStart);
            }

            if (word.Length == 0)
            {
                throw new QuerySyntaxException($"unexpected '{c}'", pos);
            }

            return MakeTerm(word, null, wordStart);
        }

        private static QueryNode MakeTerm(string word, string? field, int at)
        {
            var prefix = word.EndsWith('*');
            var bare = word.TrimEnd('*');
            if (bare.Length == 0 || bare.Contains('*'))
            {
                throw new QuerySyntaxException("'*' goes at the end of a word, as in traject*", at);
            }

            return new TermQuery(bare, field, prefix);
        }

        private PhraseQuery ParsePhrase(string? field)
        {
            var open = pos++;
            var close = text.IndexOf('"', pos);
            if (close < 0)
            {
                throw new QuerySyntaxException("unclosed '\"'", open);
            }

            var words = text[pos..close].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            pos = close + 1;
            if (words.Length == 0)
            {
                throw new QuerySyntaxException("empty phrase", open);
            }

            return new PhraseQuery([.. words], field);
        }

        private RangeQuery ParseRange(string field, int at)
        {
            var start = pos;
            if (pos < text.Length && text[pos] == '[')
            {
                var close = text.IndexOf(']', pos);
                if (close < 0)
                {
                    throw new QuerySyntaxException("unclosed '['", pos);
                }

                var inside = text[(pos + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (inside.Length != 3 || !inside[1].Equals("TO", StringComparison.Ordinal))
                {
                    throw new QuerySyntaxException($"a range is written {field}:[FROM TO UNTIL]", pos);
                }

                pos = close + 1;
                return new RangeQuery(field, Bound(inside[0], start, allowStar: true), true, Bound(inside[2], start, allowStar: true), true);
            }

            var value = ReadWord();
            if (value.Length == 0)
            {
                throw new QuerySyntaxException($"'{field}:' needs a value", start);
            }

            foreach (var op in new[] { ">=", "<=", ">", "<", "=" })
            {
                if (value.StartsWith(op, StringComparison.Ordinal))
                {
                    var number = Number(value[op.Length..], start + op.Length);
                    return op switch
                    {
                        ">=" => new RangeQuery(field, number, true, null, false),
                        ">" => new RangeQuery(field, number, false, null, false),
                        "<=" => new RangeQuery(field, null, false, number, true),
                        "<" => new RangeQuery(field, null, false, number, false),
                        _ => new RangeQuery(field, number, true, number, true),
                    };
                }
            }

            var dots = value.IndexOf("..", StringComparison.Ordinal);
            if (dots >= 0)
            {
                return new RangeQuery(field, Number(value[..dots], start), true, Number(value[(dots + 2)..], start + dots + 2), true);
            }

            var exact = Number(value, start);
            return new RangeQuery(field, exact, true, exact, true);
        }

        private static decimal? Bound(string value, int at, bool allowStar) =>
            allowStar && value == "*" ? null : Number(value, at);

        private static decimal Number(string value, int at)
        {
            var clean = value.Replace("_", string.Empty, StringComparison.Ordinal);
            if (clean.Length == 0)
            {
                throw new QuerySyntaxException("a number is missing", at);
            }

            if (!decimal.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                throw new QuerySyntaxException($"'{value}' is not a number", at);
            }

            return number;
        }

        /// <summary>Reads up to white space, a parenthesis, a quote or a field colon.</summary>
        private string ReadWord()
        {
            var start = pos;
            while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && text[pos] is not ('(' or ')' or '"'))
            {
                if (text[pos] == ':' && pos > start && !text.AsSpan(start, pos - start).ContainsAny("<>=[".AsSpan()))
                {
                    break;
                }

                pos++;
            }

            return text[start..pos];
        }

        private bool PeekKeyword(string keyword)
        {
            SkipSpace();
            return string.CompareOrdinal(text, pos, keyword, 0, keyword.Length) == 0
                   && (pos + keyword.Length == text.Length || char.IsWhiteSpace(text[pos + keyword.Length]) || text[pos + keyword.Length] == '(');
        }

        private bool TryKeyword(string keyword)
        {
            if (!PeekKeyword(keyword))
            {
                return false;
            }

            var at = pos;
            pos += keyword.Length;
            SkipSpace();
            if (pos >= text.Length || text[pos] == ')')
            {
                throw new QuerySyntaxException($"'{keyword}' needs a clause after it", at);
            }

            return true;
        }

        private void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        private static bool HasPositive(QueryNode node) => node switch
        {
            NotQuery => false,
            AndQuery a => a.Clauses.Any(HasPositive),
            OrQuery o => o.Clauses.All(HasPositive),
            _ => true,
        };
    }
}
