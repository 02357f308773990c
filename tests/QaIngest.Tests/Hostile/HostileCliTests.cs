using System.Diagnostics;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// <c>qaingest extract</c> on each hostile file: one line on stderr naming the file and the reason,
/// exit code 2, nothing on stdout, and done well within the default time limit.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileCliTests(HostileCliTests.Files files) : IClassFixture<HostileCliTests.Files>
{
    [Theory]
    [InlineData("deep.html", "nesting deeper than 500 elements")]
    [InlineData("unclosed.html", "nesting deeper than 500 elements")]
    [InlineData("nested.docx", "nesting deeper than 500 elements (in word/document.xml)")]
    [InlineData("bomb.docx", "document larger than 48 MB when decompressed")]
    [InlineData("long.txt", "text longer than 4,000,000 characters")]
    [InlineData("gigabyte.txt", "document larger than 64 MB")]
    [InlineData("/dev/zero", "a device, not a regular file")]
    [InlineData("fifo", "a named pipe (FIFO), not a regular file")]
    [InlineData("linked", "a symbolic link to a directory, not followed")]
    public void Extract_HostileFile_OneLineErrorAndExitTwo(string name, string reason)
    {
        var path = name.StartsWith('/') ? name : Path.Combine(files.Folder, name);
        var watch = Stopwatch.StartNew();

        var outcome = Cli.Cli.Run("extract", path);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.StdOut);
        Assert.Equal($"qaingest: {path}: {reason}\n", outcome.StdErr);
    }

    [Fact]
    public void Extract_RaisedLimit_LetsTheDeepPageThroughTheDepthCheck()
    {
        var path = Path.Combine(files.Folder, "deep-allowed.html");

        var refused = Cli.Cli.Run("extract", path);
        var allowed = Cli.Cli.Run("extract", path, "--max-depth", "2000");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"qaingest: {path}: nesting deeper than 500 elements\n", refused.StdErr);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal("diep\n", allowed.StdOut);
    }

    /// <summary>The hostile files, generated once into a temporary folder and removed afterwards.</summary>
    public sealed class Files : IDisposable
    {
        public Files()
        {
            Folder = Directory.CreateTempSubdirectory("qaingest-hostile-cli-").FullName;
            HostileInputs.Write(Folder, "deep.html", System.Text.Encoding.UTF8.GetBytes(HostileInputs.NestedDivs(40_000)));
            HostileInputs.Write(Folder, "deep-allowed.html", System.Text.Encoding.UTF8.GetBytes(HostileInputs.NestedDivs(1_000)));
            HostileInputs.Write(Folder, "unclosed.html", System.Text.Encoding.UTF8.GetBytes(HostileInputs.UnclosedBoldItalic(100_000)));
            HostileInputs.Write(Folder, "nested.docx", HostileInputs.NestedContentControls(40_000));
            HostileInputs.Write(Folder, "bomb.docx", HostileInputs.TinyParagraphs(1_600_000));
            var run = new byte[4_000_001];
            Array.Fill(run, (byte)'a');
            HostileInputs.Write(Folder, "long.txt", run);
            HostileInputs.Sparse(Folder, "gigabyte.txt", 1L << 30);
            HostileInputs.Fifo(Folder, "fifo");
            HostileInputs.Link(Folder, "linked", Folder);
        }

        public string Folder { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
