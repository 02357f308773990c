using QaIngest.Search;

namespace QaIngest.Index;

/// <content>Selecting documents for an export: every document with an item that matches a query.</content>
public sealed partial class SearchIndex
{
    /// <summary>
    /// The row ids of the documents with at least one item matching <paramref name="query"/> (the
    /// search language; every word of it in the item, as the first hits of <c>search</c>), all of
    /// them, unranked. A malformed query is an error, never an exception.
    /// </summary>
    public (IReadOnlySet<long>? DocumentIds, string? Error) DocumentIdsMatching(string query)
    {
        var (node, parseError) = QueryParser.Parse(query);
        if (parseError is not null)
        {
            return (null, $"malformed query: {parseError}");
        }

        var (compiled, compileError) = QueryCompiler.Compile(node!);
        if (compileError is not null)
        {
            return (null, compileError);
        }

        var items = new ItemIdCollector();
        var manager = Searchers();
        var searcher = manager.Acquire();
        try
        {
            searcher.Search(compiled!.Query, items);
        }
        finally
        {
            manager.Release(searcher);
        }

        // Items are few per document; one pass over them maps the matches to their documents.
        var documents = new HashSet<long>();
        using var command = Command(null, "SELECT id, document_id FROM items");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Ids.Contains(reader.GetInt64(0)))
            {
                documents.Add(reader.GetInt64(1));
            }
        }

        return (documents, null);
    }
}
