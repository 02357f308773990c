using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace QaIngest.Cli.Bench;

/// <summary>
/// Generates written questions for benchmarks, deterministically for a seed: the parliament's layout
/// (header, subject, preamble, numbered questions, ANTWOORD block, numbered answers), sentences
/// that mix the seeds' own sentences with generated ones whose words follow a Zipf distribution
/// over a large vocabulary, and varied numbers, amounts, names, ministers and dates. Documents come
/// in date order, about 7,000 a session year, as the parliament's history does.
/// </summary>
public sealed partial class SyntheticCorpus
{
    public const int PerYear = 7_200;

    private static readonly string[] Onsets = ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kl", "kr", "l", "m", "n", "p", "pl", "r", "s", "sch", "sp", "st", "str", "t", "tr", "v", "w", "z", "zw"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "oe", "ei", "ij", "ui", "au"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "k", "t", "nd", "ng", "rt", "st", "ld"];
    private static readonly string[] Suffixes = ["", "", "", "en", "ing", "ingen", "heid", "lijk", "elijke", "isch", "tje", "s"];
    private static readonly string[] FirstNames = ["Bob", "Robrecht", "Tom", "Suzy", "Jan", "Hilde", "Ben", "Annick", "Els", "Kris", "Sofie", "Pieter", "Lies", "Wouter", "Nele", "Bart", "Katrien", "Jos", "An", "Koen"];
    private static readonly string[] LastNames = ["Savenberg", "Bothuyne", "Ongena", "Wouters", "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wuyts", "De Smet", "Van den Broeck", "Dubois", "Hermans", "Aerts", "Lambrechts", "Vermeulen"];
    private static readonly string[] Portfolios = ["Werk", "Economie", "Onderwijs", "Welzijn", "Omgeving", "Justitie", "Financiën", "Mobiliteit", "Cultuur", "Wonen", "Landbouw", "Energie"];

    private readonly Random random;
    private readonly string[] vocabulary;
    private readonly double[] cumulative;
    private readonly string[] seedSentences;
    private readonly (string Name, string Title)[] ministers;

    public SyntheticCorpus(int seed, int vocabularySize, IEnumerable<string> seedTexts)
    {
        random = new Random(seed);
        vocabulary = MakeVocabulary(vocabularySize);
        cumulative = new double[vocabulary.Length];
        var sum = 0.0;
        for (var rank = 0; rank < vocabulary.Length; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, 1.07);
            cumulative[rank] = sum;
        }

        seedSentences = [.. seedTexts.SelectMany(t => Sentence().Matches(Regex.Replace(t, @"\s+", " ")).Select(m => m.Value.Trim()))
            .Where(s => s.Length is > 40 and < 400 && !s.Contains("http", StringComparison.Ordinal) && !ItemStart().IsMatch(s))];
        ministers = [.. Enumerable.Range(0, 40).Select(i => ($"{FirstNames[(i * 7) % FirstNames.Length]} {LastNames[(i * 3 + 5) % LastNames.Length]}",
            $"VLAAMS MINISTER VAN {Portfolios[i % Portfolios.Length].ToUpperInvariant()} EN {Portfolios[(i + 5) % Portfolios.Length].ToUpperInvariant()}"))];
    }

    /// <summary>The vocabulary, most frequent first (rank 1 is index 0).</summary>
    public IReadOnlyList<string> Vocabulary => vocabulary;

    /// <summary>Generates <paramref name="count"/> documents, oldest first.</summary>
    public IEnumerable<(int Index, string Text)> Documents(int count)
    {
        var firstYear = 2024 - ((count - 1) / PerYear);
        for (var i = 0; i < count; i++)
        {
            var year = firstYear + (i / PerYear);
            var date = new DateOnly(year, 1, 1).AddDays((int)((i % PerYear) * 365.0 / PerYear));
            yield return (i, Document(i, date));
        }
    }

    private string Document(int index, DateOnly date)
    {
        var sb = new StringBuilder();
        var asker = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var (minister, title) = ministers[random.Next(ministers.Length)];
        var number = 1 + (index % 1500);
        var when = $"{date.Day} {Months[date.Month - 1]} {date.Year}";
        sb.Append("SCHRIFTELIJKE VRAAG\n\nnr. ").Append(number).Append("\nvan ").Append(asker.ToUpperInvariant()).Append("\ndatum: ").Append(when)
            .Append("\n\naan ").Append(minister.ToUpperInvariant()).Append('\n').Append(title).Append("\n\n");
        sb.Append(Capitalise(Words(random.Next(2, 5)))).Append(" - ").Append(Words(random.Next(2, 4))).Append("\n\n");
        sb.Append(Paragraph(random.Next(2, 5))).Append("\n\n");
        var questions = random.Next(1, 9);
        for (var q = 1; q <= questions; q++)
        {
            sb.Append(q).Append(". ").Append(Paragraph(random.Next(1, 3), question: true)).Append("\n\n");
        }

        sb.Append("ANTWOORD\nop vraag nr. ").Append(number).Append(" van ").Append(when).Append("\nvan ").Append(asker.ToUpperInvariant()).Append("\n\n");
        for (var a = 1; a <= questions; a++)
        {
            sb.Append(a).Append(". ").Append(Paragraph(random.Next(1, 6))).Append("\n\n");
        }

        return sb.ToString();
    }

    private string Paragraph(int sentences, bool question = false)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            var last = i == sentences - 1;
            if (!question && seedSentences.Length > 0 && random.NextDouble() < 0.3)
            {
                sb.Append(seedSentences[random.Next(seedSentences.Length)]);
                continue;
            }

            sb.Append(Capitalise(Words(random.Next(6, 18))));
            if (random.NextDouble() < 0.35)
            {
                sb.Append(' ').Append(Figure()).Append(' ').Append(Words(random.Next(1, 4)));
            }

            sb.Append(question && last ? '?' : '.');
        }

        return sb.ToString();
    }

    private string Figure() => random.Next(5) switch
    {
        0 => "€ " + Grouped(random.Next(1_000, 400_000_000)),
        1 => random.Next(1, 900).ToString(CultureInfo.InvariantCulture) + " miljoen euro",
        2 => random.Next(1, 100).ToString(CultureInfo.InvariantCulture) + " procent",
        3 => Grouped(random.Next(100, 20_000)) + " " + vocabulary[random.Next(200)] + "en",
        _ => Grouped(random.Next(1_000, 9_000)) + " euro per " + vocabulary[random.Next(100)],
    };

    private string Words(int count)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = vocabulary[ZipfRank()];
        }

        return string.Join(' ', words);
    }

    private int ZipfRank()
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return index < 0 ? Math.Min(~index, cumulative.Length - 1) : index;
    }

    private string[] MakeVocabulary(int size)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(size);
        while (list.Count < size)
        {
            var sb = new StringBuilder();
            var syllables = 1 + random.Next(3) + (list.Count > 5_000 ? 1 : 0);
            for (var s = 0; s < syllables; s++)
            {
                sb.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]).Append(Codas[random.Next(Codas.Length)]);
            }

            sb.Append(Suffixes[random.Next(Suffixes.Length)]);
            var word = sb.ToString();
            if (word.Length >= 3 && words.Add(word))
            {
                list.Add(word);
            }
        }

        return [.. list];
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly string[] Months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    // Dutch grouping ("266.225.260") without a culture: the build runs in invariant globalization mode.
    private static string Grouped(int value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    [GeneratedRegex(@"[^.?!]+[.?!]")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"^\d{1,2}\.")]
    private static partial Regex ItemStart();
}
