using System.Collections.Immutable;
using System.Globalization;

namespace QaIngest.Search;

/// <summary>
/// Parses the Lucene-like query language: terms, <c>"phrases"</c>, <c>AND</c>/<c>OR</c>/<c>NOT</c>,
/// <c>+term</c>/<c>-term</c>, <c>prefix*</c>, parentheses, fields <c>title:</c>, <c>asker:</c>,
/// <c>minister:</c>, <c>year:2021</c>, <c>year:2019..2023</c>, <c>number:693</c>, and amount filters
/// <c>amount:&gt;=10000000</c>, <c>amount:[2000000 TO 3000000]</c>. Clauses without an operator
/// must all match. A malformed query, or one past <see cref="QueryParserLimits"/> (nesting, clauses,
/// numbers out of their field's range), is a <see cref="QueryError"/> with its position, never an
/// exception: the descent goes one level deeper per parenthesis or NOT only up to the depth limit,
/// so no query can overflow the stack. Pure and thread-safe.
/// </summary>
public static class QueryParser
{
    /// <summary>Fields that filter on text.</summary>
    public static readonly ImmutableArray<string> TextFields = ["title", "asker", "minister", "theme", "answer", "section"];

    /// <summary>The values of <c>section:</c>: the kinds of item.</summary>
    public static readonly ImmutableArray<string> Sections = ["preamble", "question", "answerpreamble", "answer"];

    /// <summary>Fields that filter on numbers.</summary>
    public static readonly ImmutableArray<string> NumericFields = ["year", "number", "amount"];

    /// <summary>Parses a query into its tree within <see cref="QueryParserLimits.Default"/>, or returns why it cannot.</summary>
    public static (QueryNode? Query, QueryError? Error) Parse(string query) => Parse(query, QueryParserLimits.Default);

    /// <summary>Parses a query into its tree within <paramref name="limits"/>, or returns why it cannot.</summary>
    public static (QueryNode? Query, QueryError? Error) Parse(string query, QueryParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limits.MaxDepth, QueryParserLimits.DepthCeiling);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxClauses, 1);
        var parser = new Reader(query, limits);
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

    /// <summary>A recursive-descent reader over the query string; its depth is bounded by <see cref="QueryParserLimits.MaxDepth"/>.</summary>
    private sealed class Reader(string text, QueryParserLimits limits)
    {
        private int pos;
        private int depth;
        private int clauses;

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
                Enter(start);
                var negated = new NotQuery(ParseUnary());
                depth--;
                return negated;
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
                Enter(pos);
                var open = pos++;
                var inner = ParseOr();
                SkipSpace();
                if (pos >= text.Length || text[pos] != ')')
                {
                    throw new QuerySyntaxException("unclosed '('", open);
                }

                pos++;
                depth--;
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

                if (field == "section")
                {
                    CheckSection(value, valueStart);
                }

                return MakeTerm(value, field, valueStart);
            }

            if (word.Length == 0)
            {
                throw new QuerySyntaxException($"unexpected '{c}'", pos);
            }

            return MakeTerm(word, null, wordStart);
        }

        // One level deeper (a parenthesis or a NOT at `at`): past the limit the query is refused here,
        // before the descent can go any deeper.
        private void Enter(int at)
        {
            if (++depth > limits.MaxDepth)
            {
                throw new QuerySyntaxException(string.Create(CultureInfo.InvariantCulture, $"nesting deeper than {limits.MaxDepth} levels of parentheses and NOT"), at);
            }
        }

        // One more word, phrase or filter (starting at `at`): past the limit the query is refused here,
        // so a huge query costs no more than reading its first clauses.
        private void Count(int at)
        {
            if (++clauses > limits.MaxClauses)
            {
                throw new QuerySyntaxException(string.Create(CultureInfo.InvariantCulture, $"more than {limits.MaxClauses:N0} clauses of words, phrases and filters"), at);
            }
        }

        private QueryNode MakeTerm(string word, string? field, int at)
        {
            Count(at);
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
            Count(pos);
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

            if (field == "section")
            {
                CheckSection(string.Join(' ', words), open + 1);
            }

            return new PhraseQuery([.. words], field);
        }

        private static void CheckSection(string value, int at)
        {
            if (!Sections.Contains(value.ToLowerInvariant()))
            {
                throw new QuerySyntaxException($"section '{value}' is not one of {string.Join(", ", Sections)}", at);
            }
        }

        private RangeQuery ParseRange(string field, int at)
        {
            Count(at);
            var start = pos;
            if (pos < text.Length && text[pos] == '[')
            {
                var close = text.IndexOf(']', pos);
                if (close < 0)
                {
                    throw new QuerySyntaxException("unclosed '['", pos);
                }

                var inside = Words(pos + 1, close);
                if (inside.Count != 3 || !inside[1].Word.Equals("TO", StringComparison.Ordinal))
                {
                    throw new QuerySyntaxException($"a range is written {field}:[FROM TO UNTIL]", pos);
                }

                pos = close + 1;
                return new RangeQuery(field, Bound(field, inside[0]), true, Bound(field, inside[2]), true);
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
                    var number = Number(field, value[op.Length..], start + op.Length);
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
                return new RangeQuery(field, Number(field, value[..dots], start), true, Number(field, value[(dots + 2)..], start + dots + 2), true);
            }

            var exact = Number(field, value, start);
            return new RangeQuery(field, exact, true, exact, true);
        }

        /// <summary>The words separated by spaces in <c>text[from..until]</c>, each with where it starts.</summary>
        private List<(string Word, int At)> Words(int from, int until)
        {
            var words = new List<(string Word, int At)>();
            var i = from;
            while (i < until)
            {
                if (text[i] == ' ')
                {
                    i++;
                    continue;
                }

                var first = i;
                while (i < until && text[i] != ' ')
                {
                    i++;
                }

                words.Add((text[first..i], first));
            }

            return words;
        }

        private static decimal? Bound(string field, (string Word, int At) value) =>
            value.Word == "*" ? null : Number(field, value.Word, value.At);

        /// <summary>
        /// A number written with digits, an optional decimal point and '_' between groups, within the
        /// values its field can hold: one past them (or past decimal's range) is an error at its
        /// position, never an <see cref="OverflowException"/> later.
        /// </summary>
        private static decimal Number(string field, string value, int at)
        {
            var clean = value.Replace("_", string.Empty, StringComparison.Ordinal);
            if (clean.Length == 0)
            {
                throw new QuerySyntaxException("a number is missing", at);
            }

            var digits = clean.Count(char.IsAsciiDigit);
            var points = clean.Count(c => c == '.');
            if (digits == 0 || points > 1 || digits + points != clean.Length)
            {
                throw new QuerySyntaxException($"'{value}' is not a number", at);
            }

            var range = QueryParserLimits.NumericRanges[field];
            if (!decimal.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || !range.Contains(number))
            {
                throw new QuerySyntaxException($"{field} {value} is out of range ({range})", at);
            }

            return number;
        }

        /// <summary>Reads up to white space, a parenthesis, a quote or a field colon.</summary>
        private string ReadWord()
        {
            var start = pos;
            // After <, >, = or [ a ':' is part of the value; kept as the word is read, so a word of
            // many colons costs one pass, not one pass per colon.
            var comparison = false;
            while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && text[pos] is not ('(' or ')' or '"'))
            {
                if (text[pos] == ':' && pos > start && !comparison)
                {
                    break;
                }

                comparison |= text[pos] is '<' or '>' or '=' or '[';
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
