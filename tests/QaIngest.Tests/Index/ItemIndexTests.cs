using QaIngest.Extract;
using QaIngest.Index;
using QaIngest.Pipeline;
using QaIngest.Search;

namespace QaIngest.Tests.Index;

/// <summary>A saved search matches an item in memory as the index would: themes and the answer kind included.</summary>
public sealed class ItemIndexTests
{
    // corpus/real-texts/1735549.txt: "thema: Onderwijs en Vorming"; its answer is one unnumbered block.
    private const string File = "1735549.txt";

    [Theory]
    [InlineData("theme:Onderwijs", true)]
    [InlineData("theme:vorming answer:single-block", true)]
    [InlineData("theme:Mobiliteit", false)]
    [InlineData("answer:numbered", false)]
    public async Task Matches_ThemeAndAnswerKind_AsInTheIndex(string query, bool expected)
    {
        var bytes = await System.IO.File.ReadAllBytesAsync(Repo.File_("corpus", "real-texts", File));
        var processed = await new DocumentProcessor(new TextExtractor())
            .ProcessAsync(bytes, File, File, "hash", [PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures], CancellationToken.None);
        var (node, _) = QueryParser.Parse(query);
        var (compiled, _) = QueryCompiler.Compile(node!);

        var matches = ItemIndex.Of(processed.Document!).Any(i => i.Matches(compiled!.Query));

        Assert.Equal(expected, matches);
    }
}
