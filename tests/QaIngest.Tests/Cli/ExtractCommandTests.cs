using System.Text.Json;
using QaIngest.Tests.Extract;

namespace QaIngest.Tests.Cli;

public sealed class ExtractCommandTests
{
    [Fact]
    public void Extract_RealPdfAsJson_SaysPdfPigReadTheCommittedText()
    {
        var outcome = Cli.Run("extract", "corpus/real/vrg_en_antw.235.pdf", "--format", "json", "--pdftotext", "none");

        Assert.Equal(0, outcome.ExitCode);
        var json = JsonDocument.Parse(outcome.StdOut).RootElement;
        Assert.Equal("pdfpig", json.GetProperty("engine").GetString());
        Assert.Equal(File.ReadAllText(Repo.File_("tests", "QaIngest.Tests", "Extract", "Expected", "vrg_en_antw.235.txt")), json.GetProperty("text").GetString());
    }

    [Fact]
    public void Extract_PdfThatPdfPigRefuses_ReadsWithPopplerOrFailsWithoutIt()
    {
        var folder = Directory.CreateTempSubdirectory("qaingest-extract-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "nested.pdf");
            File.WriteAllBytes(pdf, MinimalPdf.DeeplyNested(50_000));

            var withPoppler = Cli.Run("extract", pdf, "--format", "json");
            var without = Cli.Run("extract", pdf, "--pdftotext", Path.Combine(folder, "no-pdftotext"));

            Assert.Equal(0, withPoppler.ExitCode);
            Assert.Equal("poppler", JsonDocument.Parse(withPoppler.StdOut).RootElement.GetProperty("engine").GetString());
            Assert.Equal(2, without.ExitCode);
            Assert.StartsWith($"qaingest: {pdf}: corrupt or truncated PDF: ", without.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
