using System.Collections.Immutable;
using System.Text.RegularExpressions;
using QaIngest.Text;

namespace QaIngest.Tests.Extract;

/// <summary>
/// Compares extracted text with a seed word by word. The seed is normalised the way the corpus
/// reads it (paragraphs are blank-line separated runs of lines, joined by <see cref="LineJoiner"/>);
/// the extracted text is only split, because its paragraphs must already be joined.
/// </summary>
public static partial class WordComparison
{
    /// <summary>The seed's words after joining each paragraph's lines (hyphens, URLs).</summary>
    public static ImmutableArray<string> SeedWords(string seed)
    {
        var words = ImmutableArray.CreateBuilder<string>();
        var paragraph = new List<SourceLine>();
        foreach (var line in LineReader.Read(seed))
        {
            if (line.BlankLinesBefore > 0 && paragraph.Count > 0)
            {
                words.AddRange(Split(LineJoiner.Join(paragraph)));
                paragraph.Clear();
            }

            paragraph.Add(line);
        }

        words.AddRange(Split(LineJoiner.Join(paragraph)));
        return words.ToImmutable();
    }

    /// <summary>The extracted text's words; form feeds and line ends are white space.</summary>
    public static ImmutableArray<string> ExtractedWords(string text) => [.. Split(text)];

    /// <summary>
    /// The words only in one of the two sequences, as "-word" (only expected) and "+word" (only
    /// actual) in a longest-common-subsequence alignment, each with the word before it for context.
    /// </summary>
    public static ImmutableArray<(string Op, string After)> Differences(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var prefix = 0;
        while (prefix < expected.Count && prefix < actual.Count && expected[prefix] == actual[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < expected.Count - prefix && suffix < actual.Count - prefix && expected[^(suffix + 1)] == actual[^(suffix + 1)])
        {
            suffix++;
        }

        var a = expected.Skip(prefix).Take(expected.Count - prefix - suffix).ToArray();
        var b = actual.Skip(prefix).Take(actual.Count - prefix - suffix).ToArray();
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var ops = ImmutableArray.CreateBuilder<(string Op, string After)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                ops.Add(($"+{b[y]}", y > 0 ? b[y - 1] : string.Empty));
                y++;
            }
            else
            {
                ops.Add(($"-{a[x]}", x > 0 ? a[x - 1] : string.Empty));
                x++;
            }
        }

        return ops.ToImmutable();
    }

    // Both sides are also cut where a URL starts inside a word: LineJoiner glues a seed line that
    // ends in a URL to a next line that starts with another one ("…voor-werk" + "https://…").
    private static IEnumerable<string> Split(string text) =>
        text.Split([' ', '\n', '\r', '\t', '\f', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(word => InnerUrl().Split(word))
            .Where(word => word.Length > 0);

    [GeneratedRegex(@"(?<=\S)(?=https?://)", RegexOptions.CultureInvariant)]
    private static partial Regex InnerUrl();
}
