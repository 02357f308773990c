using Microsoft.Data.Sqlite;
using QaIngest.Index;
using QaIngest.Search;
using QaIngest.Tests.Export;

namespace QaIngest.Tests.Index;

/// <summary>
/// Themes (from the scraper's metadata lines) and answer kinds are stored and searchable as
/// filters and facets, in the default pipeline's record, and survive a reindex from SQLite.
/// </summary>
public sealed class ThemeAndAnswerKindTests(ExportedCorpus corpus) : IClassFixture<ExportedCorpus>
{
    [Fact]
    public void Search_ThemeFilter_FindsEveryItemOfTheDocumentsWithThatTheme()
    {
        var expected = Count("SELECT count(*) FROM items i JOIN documents d ON d.id = i.document_id WHERE (d.theme || ';') LIKE '%Onderwijs en Vorming;%'");
        using var index = SearchIndex.Open(corpus.Data, create: false);

        var (results, error) = index.Search(new SearchRequest("theme:Onderwijs") { Limit = 1000, Facets = true });

        Assert.Null(error);
        Assert.True(expected > 0);
        Assert.Equal(expected, results!.Total);
        Assert.Contains(results.Facets["theme"], f => f.Value == "Onderwijs en Vorming" && f.Count == expected);
    }

    [Theory]
    [InlineData("deferral")]
    [InlineData("single-block")]
    [InlineData("numbered")]
    public void Search_AnswerKindFilter_FindsTheItemsOfTheDocumentsAnsweredThatWay(string kind)
    {
        var expected = Count($"SELECT count(*) FROM items i JOIN documents d ON d.id = i.document_id WHERE d.answer_kind = '{kind}'");
        using var index = SearchIndex.Open(corpus.Data, create: false);

        var (results, error) = index.Search(new SearchRequest($"answer:{kind}") { Limit = 10, Facets = true });

        Assert.Null(error);
        Assert.True(expected > 0);
        Assert.Equal(expected, results!.Total);
        Assert.Equal(kind, Assert.Single(results.Facets["answerKind"]).Value);
    }

    [Fact]
    public void Reindex_FromTheRecord_KeepsThemesAndAnswerKinds()
    {
        long before;
        using (var index = SearchIndex.Open(corpus.Data, create: false))
        {
            before = index.Search(new SearchRequest("theme:onderwijs answer:numbered")).Results!.Total;
        }

        using (var writer = SearchIndex.Open(corpus.Data, create: true))
        {
            writer.Reindex(_ => { });
            var after = writer.Search(new SearchRequest("theme:onderwijs answer:numbered")).Results!.Total;

            Assert.True(before > 0);
            Assert.Equal(before, after);
        }
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={corpus.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
