using System.Text.Json;
using QaIngest.Pipeline;

namespace QaIngest.Tests.Pipeline;

public sealed class PipelineDefinitionReaderTests
{
    public static TheoryData<string> ShippedPipelines() => [.. Directory.EnumerateFiles(Repo.File_("pipelines"), "*.json").Select(f => Path.GetFileName(f)).Order()];

    public static TheoryData<string, string, string> InvalidPipelines()
    {
        var data = new TheoryData<string, string, string>();
        using var cases = JsonDocument.Parse(File.ReadAllText(Repo.Fixture("Pipeline", "Fixtures", "invalid-pipelines.json")));
        foreach (var c in cases.RootElement.EnumerateArray())
        {
            data.Add(c.GetProperty("why").GetString()!, c.GetProperty("json").GetString()!, c.GetProperty("error").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPipelines))]
    public void ReadFile_ShippedPipeline_IsValid(string file)
    {
        var (definition, errors) = PipelineDefinitionReader.ReadFile(Repo.File_("pipelines", file));

        Assert.Empty(errors);
        Assert.NotNull(definition);
        Assert.NotEmpty(definition.Stages);
    }

    [Fact]
    public void ReadFile_Seeds_IsOfflineIntoData()
    {
        var (definition, _) = PipelineDefinitionReader.ReadFile(Repo.File_("pipelines", "seeds.json"));

        Assert.IsType<FilesSource>(definition!.Source);
        Assert.DoesNotContain(PipelineStage.Fetch, definition.Stages);
        Assert.Equal("./data", definition.Data);
        Assert.Contains(definition.SavedSearches, s => s.Name == "RIZIV");
    }

    [Fact]
    public void ReadFile_Nightly_DiscoversSinceTheLastRunPolitely()
    {
        var (definition, _) = PipelineDefinitionReader.ReadFile(Repo.File_("pipelines", "nightly.json"));

        var source = Assert.IsType<DiscoverSource>(definition!.Source);
        Assert.True(source.SinceLastRun);
        Assert.Null(source.BaseUrl);
        Assert.True(definition.FetchOptions().PolitenessEnabled);
    }

    [Fact]
    public void Read_NoRecheck_HasTheDefaultPolicy()
    {
        var (definition, errors) = PipelineDefinitionReader.Read("{ \"name\": \"x\", \"source\": { \"linkIds\": [1] }, \"stages\": [\"fetch\", \"extract\", \"parse\"] }");

        Assert.Empty(errors);
        Assert.Equal(RecheckPolicy.Default, definition!.Recheck);
        Assert.Equal([1, 7, 30], definition.Recheck.AfterChangeDays.ToArray());
        Assert.True(definition.Recheck.Enabled);
    }

    [Fact]
    public void Read_Recheck_OverridesOnlyWhatItNames()
    {
        var (definition, errors) = PipelineDefinitionReader.Read(
            "{ \"name\": \"x\", \"source\": { \"linkIds\": [1] }, \"stages\": [\"fetch\", \"extract\", \"parse\"], \"recheck\": { \"afterChangeDays\": [2, 14], \"maxPerRun\": 50 } }");

        Assert.Empty(errors);
        Assert.Equal(RecheckPolicy.Default with { AfterChangeDays = [2, 14], MaxPerRun = 50 }, definition!.Recheck);
    }

    [Fact]
    public void Read_RecheckDisabled_NeverAsksAgain()
    {
        var (definition, _) = PipelineDefinitionReader.Read("{ \"name\": \"x\", \"source\": { \"linkIds\": [1] }, \"stages\": [\"fetch\"], \"recheck\": { \"enabled\": false } }");

        Assert.False(definition!.Recheck.Enabled);
        Assert.Equal(RecheckWhen.Settled, definition.Recheck.Next(new RecheckFacts("link:1", false, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)).When);
    }

    [Theory]
    [MemberData(nameof(InvalidPipelines))]
    public void Read_InvalidPipeline_SaysWhatIsWrong(string why, string json, string error)
    {
        var (definition, errors) = PipelineDefinitionReader.Read(json);

        Assert.Null(definition);
        Assert.True(errors.Any(e => e.Contains(error, StringComparison.Ordinal)), $"{why}: expected an error with \"{error}\", got: {string.Join(" | ", errors)}");
        Assert.All(errors, e => Assert.DoesNotContain('\n', e));
    }

    [Fact]
    public void Read_Overrides_ReachTheFetchOptions()
    {
        var (definition, errors) = PipelineDefinitionReader.Read("""
            { "name": "t", "source": { "linkIds": [5, 5, 7], "baseUrl": "http://127.0.0.1:9/" }, "stages": ["fetch", "extract"],
              "politeness": { "enabled": false, "documentsInFlight": 3 }, "resilience": { "attemptTimeoutSeconds": 2, "maxRetryAttempts": 1 } }
            """);

        Assert.Empty(errors);
        Assert.NotNull(definition);
        var options = definition.FetchOptions();
        Assert.False(options.PolitenessEnabled);
        Assert.Equal(3, options.MaxDocumentsInFlight);
        Assert.Equal(TimeSpan.FromSeconds(2), options.AttemptTimeout);
        Assert.Equal(1, options.MaxRetryAttempts);
        Assert.Equal(new[] { 5, 7 }, ((LinkIdsSource)definition.Source).Ids.ToArray());
    }
}
