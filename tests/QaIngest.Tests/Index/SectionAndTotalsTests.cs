using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Search;
using QaIngest.Tests.Export;

namespace QaIngest.Tests.Index;

/// <summary>
/// On the default pipeline's record: <c>section:</c> filters and the section facet agree with the
/// items table; every figure the run reports is in the record (also those in no item); a total does
/// not depend on how many hits a page asks for.
/// </summary>
public sealed class SectionAndTotalsTests(ExportedCorpus corpus) : IClassFixture<ExportedCorpus>
{
    [Theory]
    [InlineData("answer", "answer")]
    [InlineData("question", "question")]
    [InlineData("preamble", "preamble")]
    [InlineData("answerPreamble", "answerpreamble")]
    [InlineData("answerPreamble", "\"answerPreamble\"")]
    [InlineData("answer", "\"answer\"")]
    public void Search_SectionFilter_FindsExactlyTheItemsOfThatSection(string stored, string query)
    {
        var expected = Count($"SELECT count(*) FROM items WHERE section = '{stored}'");
        using var index = SearchIndex.Open(corpus.Data, create: false);

        var (results, error) = index.Search(new SearchRequest($"section:{query}") { Limit = 5, Facets = true });

        Assert.Null(error);
        Assert.True(expected > 0);
        Assert.Equal(expected, results!.Total);
        var facet = Assert.Single(results.Facets["section"]);
        Assert.Equal((stored, expected), (facet.Value, facet.Count));
        Assert.All(results.Hits, h => Assert.Equal(stored, h.Section));
    }

    [Fact]
    public void Search_SectionFacet_CountsTheMatchesPerSection()
    {
        var expected = new Dictionary<string, long>();
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT i.section, count(*) FROM items i JOIN documents d ON d.id = i.document_id WHERE (d.theme || ';') LIKE '%Onderwijs en Vorming;%' GROUP BY i.section";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                expected[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        using var index = SearchIndex.Open(corpus.Data, create: false);
        var results = index.Search(new SearchRequest("theme:Onderwijs") { Limit = 1, Facets = true }).Results!;

        Assert.True(expected.Count >= 3);
        Assert.Equal(expected.OrderBy(e => e.Key), results.Facets["section"].ToDictionary(f => f.Value, f => f.Count).OrderBy(e => e.Key));
    }

    [Theory]
    [InlineData("section:bijlage", 8)]
    [InlineData("VDAB section:antwoord", 13)]
    public void Search_UnknownSection_IsAQueryErrorAtTheValue(string query, int position)
    {
        using var index = SearchIndex.Open(corpus.Data, create: false);

        var (_, searchError) = index.Search(new SearchRequest(query));
        var (_, parseError) = QueryParser.Parse(query);

        Assert.Contains("is not one of preamble, question, answerpreamble, answer", searchError);
        Assert.Equal(position, parseError!.Position);
    }

    [Fact]
    public void Record_HoldsEveryFigureTheRunReports_AlsoThoseInNoItem()
    {
        // corpus/real-texts/2078629.txt lists its tables after "BIJLAGE", outside every answer.
        var outside = Count("SELECT count(*) FROM figures f JOIN documents d ON d.id = f.document_id WHERE f.item_id IS NULL AND d.key LIKE '%2078629.txt'");

        Assert.True(outside > 0);
        Assert.Equal(corpus.Report.Figures, Count("SELECT count(*) FROM figures"));
    }

    [Theory]
    [InlineData("RIZIV VDAB budget trajecten")]
    [InlineData("hoeveel heeft het RIZIV overgemaakt")]
    public void Search_TotalOfAQueryOfMostWords_DoesNotDependOnTheLimit(string query)
    {
        using var index = SearchIndex.Open(corpus.Data, create: false);

        var totals = new[] { 1, 3, 10, 50 }.Select(limit => index.Search(new SearchRequest(query) { Limit = limit, Compounds = false }).Results!.Total).ToList();

        Assert.True(totals[0] > 3, string.Join(",", totals));
        Assert.All(totals, t => Assert.Equal(totals[0], t));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={corpus.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private long Count(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
