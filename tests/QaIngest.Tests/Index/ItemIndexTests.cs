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

    // seeds/001_98b0514b58b8ebbf.txt (nr. 693): answer 8 gives "4.800 euro per traject" and "24 miljoen euro",
    // answer 9 "24 miljoen euro" again; no other amount of that document reaches 20 million.
    [Theory]
    [InlineData("amount:>=20000000", "answer 8,answer 9")]
    [InlineData("amount:4800", "answer 8")]
    [InlineData("amount:>=30000000", "")]
    public async Task Matches_AnAmountRangeAlone_WhichScoresNothing(string query, string expected)
    {
        const string seed = "001_98b0514b58b8ebbf.txt";
        var bytes = await System.IO.File.ReadAllBytesAsync(Repo.File_("seeds", seed));
        var processed = await new DocumentProcessor(new TextExtractor())
            .ProcessAsync(bytes, seed, seed, "hash", [PipelineStage.Extract, PipelineStage.Parse, PipelineStage.Figures], CancellationToken.None);
        var (node, _) = QueryParser.Parse(query);
        var (compiled, _) = QueryCompiler.Compile(node!);

        var matched = ItemIndex.Of(processed.Document!).Where(i => i.Matches(compiled!.Query)).Select(i => $"{i.Section} {i.Number}");

        Assert.Equal(expected, string.Join(",", matched));
    }
}
