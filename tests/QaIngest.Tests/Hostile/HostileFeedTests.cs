using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// An answer holding U+FFFE and a lone surrogate (HTML character references, as a page can carry
/// them), matched by a saved search: the runs exit 0, and the Atom feed the run writes and the one
/// <c>qaingest serve</c> serves both parse as XML and hold the rest of the answer. The server also
/// answers a query past a field's range with 400 and the reason.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed partial class HostileFeedTests(HostileFeedTests.ServedRun run) : IClassFixture<HostileFeedTests.ServedRun>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    // What the answer says around the hostile characters, as the fixture page has it.
    private const string Rest = "geïntegreerd werk-welzijnstraject voor werkzoekenden in armoede";

    [Fact]
    public void Run_AnswerWithCharactersXmlForbids_BothRunsExitZeroAndTheFeedFileParses()
    {
        Assert.True(run.First.ExitCode == 0, run.First.StdErr);
        Assert.True(run.Second.ExitCode == 0, run.Second.StdErr);
        // The alert itself holds the answer as it is: the characters reached the saved search.
        Assert.Contains("\\uFFFEzorgt", File.ReadAllText(Path.Combine(run.Data, "alerts", "passend.jsonl")), StringComparison.Ordinal);

        using var reader = XmlReader.Create(Path.Combine(run.Data, "alerts", "passend.xml"));
        var summary = Summary(XDocument.Load(reader));

        Assert.StartsWith("VDAB zorgt", summary, StringComparison.Ordinal);
        Assert.Contains(Rest, summary, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFE', summary);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(run.Data, "alerts"), "*.tmp"));
    }

    [Fact]
    public async Task Serve_FeedOfThatAlert_ParsesAsXml()
    {
        using var response = await run.Client.GetAsync(new Uri("alerts/passend.atom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var summary = Summary(XDocument.Load(reader));
        Assert.StartsWith("VDAB zorgt", summary, StringComparison.Ordinal);
        Assert.Contains(Rest, summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_QueryPastTheYearRange_400WithTheReason()
    {
        using var response = await run.Client.GetAsync(new Uri("api/search?q=" + Uri.EscapeDataString("passend year:99999999999"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("year 99999999999 is out of range (1..9999)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Summary(XDocument feed) =>
        feed.Root!.Element(Atom + "entry")!.Element(Atom + "summary")!.Value;

    [GeneratedRegex(@"serving .* at (?<url>http://\S+)")]
    private static partial Regex Serving();

    /// <summary>
    /// The fixture page of seed 003 with U+FFFE and a lone surrogate written into its answer, run
    /// twice by a pipeline with a saved search that matches that answer, then served.
    /// </summary>
    public sealed class ServedRun : IAsyncLifetime
    {
        private readonly string work = Directory.CreateTempSubdirectory("qaingest-hostile-feed-").FullName;
        private Process? server;

        public string Data => Path.Combine(work, "data");

        internal Cli.Cli.Outcome First { get; private set; } = null!;

        internal Cli.Cli.Outcome Second { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var page = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "corpus", "fixtures", "html", "003_4c706d359fb8f43f.html"));
            const string Clean = "1. VDAB zorgt voor een passend";
            Assert.Contains(Clean, page, StringComparison.Ordinal);
            Directory.CreateDirectory(Path.Combine(work, "docs"));
            await File.WriteAllTextAsync(Path.Combine(work, "docs", "q.html"), page.Replace(Clean, "1. VDAB &#xFFFE;zorgt&#xD800; voor een passend", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(work, "p.json"), """
                { "name": "feed", "source": { "files": "docs/*.html" }, "stages": ["extract", "parse", "figures", "index"], "data": "data",
                  "savedSearches": [ { "name": "passend", "query": "passend" } ] }
                """);
            First = Cli.Cli.RunIn(work, "run", "p.json", "--quiet");
            Second = Cli.Cli.RunIn(work, "run", "p.json", "--quiet");

            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = work };
            foreach (var arg in new[] { Cli.Cli.DllPath, "serve", "--data", Data, "--urls", "http://127.0.0.1:0" })
            {
                start.ArgumentList.Add(arg);
            }

            server = Process.Start(start)!;
            using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await server.StandardError.ReadLineAsync(waiting.Token) is { } line)
            {
                if (Serving().Match(line) is { Success: true } match)
                {
                    Client = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value.TrimEnd('/') + "/") };
                    // Whatever the server writes later is read, so a full pipe never blocks it.
                    _ = server.StandardError.ReadToEndAsync(CancellationToken.None);
                    _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return;
                }
            }

            Assert.Fail("qaingest serve ended before it listened");
        }

        public Task DisposeAsync()
        {
            Client?.Dispose();
            if (server is not null)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
                server.Dispose();
            }

            Directory.Delete(work, recursive: true);
            return Task.CompletedTask;
        }
    }
}
