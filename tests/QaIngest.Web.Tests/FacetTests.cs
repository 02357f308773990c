using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QaIngest.Web.Tests;

/// <summary>
/// The facets on the search page, whatever the index counts: each is shown with its label, each
/// value a link whose page has as many results as the facet counted (the answer kind included,
/// whose filter is the query language's answer:).
/// </summary>
[Collection(ServedSeedsCollection.Name)]
public sealed partial class FacetTests(ServedSeeds served)
{
    private static readonly Dictionary<string, string> DutchLabels = new(StringComparer.Ordinal)
    {
        ["minister"] = "Minister", ["asker"] = "Vraagsteller", ["year"] = "Jaar", ["section"] = "Onderdeel", ["theme"] = "Thema", ["answerKind"] = "Soort antwoord",
    };

    [GeneratedRegex("<p class=\"total\" id=\"total\">([0-9.]+) resultaten</p>")]
    private static partial Regex Total();

    [Fact]
    public async Task EveryFacet_ShownWithLabel_EachLinkGivesItsCount()
    {
        var facets = JsonNode.Parse(await served.Client.GetStringAsync("/api/facets?q=VDAB"))!["facets"]!.AsObject();
        Assert.Superset(new HashSet<string> { "minister", "asker", "year", "theme", "answerKind" }, facets.Select(f => f.Key).ToHashSet());
        var html = await served.Client.GetStringAsync("/?q=VDAB");
        foreach (var (name, values) in facets.Where(f => f.Value!.AsArray().Count > 0))
        {
            var section = html[html.IndexOf($"<section class=\"facet\" data-facet=\"{name}\">", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
            Assert.Contains($"<h2>{DutchLabels.GetValueOrDefault(name, name)}</h2>", section, StringComparison.Ordinal);

            // The two largest values of each facet: their links, followed, find as many items as counted.
            foreach (var value in values!.AsArray().Take(2))
            {
                var text = System.Net.WebUtility.HtmlEncode((string)value!["value"]!);
                var link = Regex.Match(section, $"<li><a href=\"([^\"]+)\" data-facet=\"{name}\">{Regex.Escape(text)}</a>");
                Assert.True(link.Success, $"facet {name}: no link for '{text}' in {section}");
                var response = await served.Client.GetAsync(System.Net.WebUtility.HtmlDecode(link.Groups[1].Value));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await response.Content.ReadAsStringAsync();
                var total = Total().Match(page);
                Assert.True(total.Success, $"facet {name}={text}: no total on {link.Groups[1].Value}");
                Assert.Equal((long)value["count"]!, long.Parse(total.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
                Assert.Contains("<li class=\"chosen\">" + text, page, StringComparison.Ordinal);
            }
        }
    }
}
