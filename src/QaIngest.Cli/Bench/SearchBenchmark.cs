using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;
using QaIngest.Search;

namespace QaIngest.Cli.Bench;

/// <summary>
/// Indexes a synthetic corpus (generate, parse, find figures on the other cores; one writer) and
/// times a fixed mix of queries against it. Deterministic for a seed.
/// </summary>
public sealed class SearchBenchmark(SyntheticCorpus corpus, int seed)
{
    public sealed record IndexingFigures(int Documents, double Seconds, double DocumentsPerSecond, long DatabaseBytes, IndexCounts Counts)
    {
        /// <summary>The Lucene index folder's size (the database holds the record: documents, items, figures).</summary>
        public long LuceneBytes { get; init; }
    }

    /// <summary>The SQLite database with its WAL, and the Lucene index folder, in bytes.</summary>
    public static (long Database, long Lucene) Sizes(SearchIndex index) =>
        (new[] { index.Path, index.Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length),
         Directory.Exists(index.LucenePath) ? Directory.EnumerateFiles(index.LucenePath).Sum(f => new FileInfo(f).Length) : 0);

    public sealed record QueryTiming(string Query, bool Facets, long Matches, double Milliseconds);

    /// <summary>Generates and indexes <paramref name="count"/> documents in batches; reports progress to <paramref name="progress"/>.</summary>
    public async Task<IndexingFigures> IndexAsync(SearchIndex index, int count, int batchSize, Action<int> progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var batches = Channel.CreateBounded<IndexedDocument[]>(2);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in corpus.Documents(count).Chunk(batchSize))
                {
                    var documents = chunk.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(d =>
                    {
                        var question = QuestionParser.Parse(d.Text).Value!;
                        var key = $"synthetic/{d.Index:D7}";
                        return new IndexedDocument(key, key, question, FigureExtractor.Extract(question).Figures) { ContentHash = d.Index.ToString(CultureInfo.InvariantCulture) };
                    }).ToArray();
                    await batches.Writer.WriteAsync(documents, cancellationToken);
                }
            }
            finally
            {
                batches.Writer.Complete();
            }
        }, cancellationToken);

        var done = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            index.AddRange(batch);
            done += batch.Length;
            progress(done);
        }

        await producer;

        // The last documents' Lucene commit is part of indexing (the writer commits every 20,000 documents).
        index.Commit();
        var seconds = watch.Elapsed.TotalSeconds;
        var (database, lucene) = Sizes(index);
        return new IndexingFigures(done, Math.Round(seconds, 1), Math.Round(done / seconds, 0), database, index.Counts()) { LuceneBytes = lucene };
    }

    /// <summary>The fixed query mix: terms by frequency band, ANDs, phrases, prefixes, fields, years, amounts, facets.</summary>
    public IReadOnlyList<(string Query, bool Facets)> Queries(int count)
    {
        var random = new Random(seed + 1);
        var v = corpus.Vocabulary;
        string Common() => v[random.Next(0, 50)];
        string Medium() => v[random.Next(500, 3_000)];
        string Rare() => v[random.Next(10_000, Math.Min(50_000, v.Count))];
        // Two draws, as the mix has always made them (the same 200 queries for a seed); the cut never
        // runs past the first word, which a second, shorter word once made it do in long mixes.
        string Prefix()
        {
            var word = Medium();
            var cut = Math.Min(4, Medium().Length);
            return word[..Math.Min(cut, word.Length)] + "*";
        }

        string[] lastNames = ["Savenberg", "Bothuyne", "Ongena", "Wouters", "Peeters", "Janssens", "Maes", "Jacobs"];
        string[] seedQueries = ["RIZIV budget VDAB", "kinderopvang herintreders", "niet-digitale dienstverlening", "jongerenconsulent", "re-integratie", "\"outreachende acties\"", "traject*", "geevalueerd"];
        var makers = new Func<(string, bool)>[]
        {
            () => (Common(), false),
            () => (Medium(), false),
            () => (Rare(), false),
            () => ($"{Common()} {Common()}", false),
            () => ($"{Medium()} {Common()}", false),
            () => ($"{Rare()} {Medium()}", false),
            () => ($"\"{Common()} {Common()}\"", false),
            () => (Prefix(), false),
            () => ($"asker:{lastNames[random.Next(lastNames.Length)]} {Medium()}", false),
            () => ($"minister:{lastNames[random.Next(lastNames.Length)]} {Common()}", false),
            () => ($"{Medium()} year:{random.Next(1998, 2025)}", false),
            () => ($"{Common()} year:{random.Next(1998, 2015)}..{random.Next(2015, 2025)}", false),
            () => ($"amount:>={random.Next(1, 400) * 1_000_000}", false),
            () => ($"{Medium()} amount:[{random.Next(1, 50) * 100_000} TO {random.Next(50, 500) * 1_000_000}]", false),
            () => ($"{Common()} OR {Rare()}", false),
            () => ($"{Medium()} -{Common()}", false),
            () => (Common(), true),
            () => (Medium(), true),
            () => (seedQueries[random.Next(seedQueries.Length)], false),
            () => ($"number:{random.Next(1, 1500)} {Common()}", false),
        };
        return [.. Enumerable.Range(0, count).Select(i => makers[i % makers.Length]())];
    }

    /// <summary>Runs every query once and returns its time and number of matches.</summary>
    public static List<QueryTiming> Run(SearchIndex index, IReadOnlyList<(string Query, bool Facets)> queries)
    {
        var timings = new List<QueryTiming>();
        foreach (var (query, facets) in queries)
        {
            var watch = Stopwatch.StartNew();
            var (results, error) = index.Search(new SearchRequest(query) { Limit = 10, Facets = facets });
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (error is not null)
            {
                throw new InvalidOperationException($"{query}: {error}");
            }

            timings.Add(new QueryTiming(query, facets, results!.Total, Math.Round(elapsed, 2)));
        }

        return timings;
    }
}
