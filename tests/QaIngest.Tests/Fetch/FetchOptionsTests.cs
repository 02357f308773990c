using QaIngest.Fetch;

namespace QaIngest.Tests.Fetch;

public sealed class FetchOptionsTests
{
    [Fact]
    public void Defaults_Validate_PoliteAndBounded()
    {
        var options = new FetchOptions().Validate();

        Assert.Equal(2, options.RequestsPerSecond);
        Assert.Equal(4, options.MaxInFlightPerHost);
        Assert.Equal(50L * 1024 * 1024, options.MaxBodyBytes);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Equal(["www.vlaamsparlement.be", "docs.vlaamsparlement.be", "ws.vlpar.be"], options.AllowedHosts.ToArray());
        Assert.Matches(@"^QaIngest/\d+\.\d+\.\d+ \(\+https://github\.com/qaingest\)$", options.UserAgent);
    }

    [Fact]
    public void Validate_SeveralBadValues_NamesEveryOne()
    {
        var options = new FetchOptions { RequestsPerSecond = 0, MaxBodyBytes = -1, TotalTimeout = TimeSpan.FromSeconds(1), BreakerFailureRatio = 2 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("RequestsPerSecond", error.Message);
        Assert.Contains("MaxBodyBytes", error.Message);
        Assert.Contains("TotalTimeout", error.Message);
        Assert.Contains("BreakerFailureRatio", error.Message);
    }

    [Fact]
    public void Validate_BaseUrlOnHostNotAllowed_Fails()
    {
        var options = new FetchOptions { DocsBaseUrl = new Uri("https://elders.example.org/") };

        Assert.Contains("DocsBaseUrl host elders.example.org", Assert.Throws<ArgumentException>(() => options.Validate()).Message);
    }

    [Fact]
    public void WithBaseUrl_StandIn_PointsEveryBaseThereAndAllowsOnlyThatHost()
    {
        var options = new FetchOptions().WithBaseUrl(new Uri("http://127.0.0.1:5077"));

        Assert.Equal("http://127.0.0.1:5077/", options.SiteBaseUrl.AbsoluteUri);
        Assert.Equal(options.SiteBaseUrl, options.DocsBaseUrl);
        Assert.Equal(options.SiteBaseUrl, options.ApiBaseUrl);
        Assert.True(options.IsAllowed(new Uri("http://127.0.0.1:5077/pfile?id=1")));
        Assert.False(options.IsAllowed(new Uri("https://www.vlaamsparlement.be/link?id=1")));
        Assert.False(options.IsAllowed(new Uri("ftp://127.0.0.1/x")));
    }

    [Fact]
    public void IsAllowed_ComparesSchemeHostAndPort()
    {
        var options = new FetchOptions { AllowedHosts = ["www.vlaamsparlement.be", "docs.vlaamsparlement.be", "ws.vlpar.be", "files.example.org:8443", "http://127.0.0.1:5077"] }.Validate();

        Assert.True(options.IsAllowed(new Uri("https://www.vlaamsparlement.be/link?id=1")));
        Assert.False(options.IsAllowed(new Uri("https://www.vlaamsparlement.be:8443/link?id=1")));
        Assert.False(options.IsAllowed(new Uri("http://www.vlaamsparlement.be/link?id=1")));
        Assert.True(options.IsAllowed(new Uri("https://files.example.org:8443/x")));
        Assert.False(options.IsAllowed(new Uri("https://files.example.org/x")));
        Assert.True(options.IsAllowed(new Uri("http://127.0.0.1:5077/x")));
        Assert.False(options.IsAllowed(new Uri("http://127.0.0.1:5078/x")));
        Assert.Null(options.RefuseToFollow(new Uri("http://127.0.0.1:5077/a"), new Uri("http://127.0.0.1:5077/b")));
        Assert.Equal("from https down to http (http://127.0.0.1:5077)", options.RefuseToFollow(new Uri("https://www.vlaamsparlement.be/a"), new Uri("http://127.0.0.1:5077/b")));
    }

    [Fact]
    public void Validate_AllowedHostWithAPath_Fails()
    {
        var options = new FetchOptions { AllowedHosts = ["www.vlaamsparlement.be", "docs.vlaamsparlement.be", "ws.vlpar.be", "https://example.org/some/path"] };

        Assert.Contains("AllowedHosts entries must be host, host:port or http(s)://host[:port]", Assert.Throws<ArgumentException>(() => options.Validate()).Message);
    }
}
