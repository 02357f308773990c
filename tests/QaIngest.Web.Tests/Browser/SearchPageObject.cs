using System.Globalization;
using OpenQA.Selenium;

namespace QaIngest.Web.Tests.Browser;

/// <summary>The search page as a person sees it: a query box, facets, sort, hits.</summary>
public sealed class SearchPageObject(Browser browser)
{
    private IWebDriver Driver => browser.Driver;

    public SearchPageObject Open(Uri site)
    {
        Driver.Navigate().GoToUrl(site);
        browser.Until(d => d.FindElement(By.Id("q")));
        return this;
    }

    public SearchPageObject Search(string words)
    {
        var box = Driver.FindElement(By.Id("q"));
        box.Clear();
        box.SendKeys(words);
        var old = Driver.FindElement(By.TagName("html"));
        Driver.FindElement(By.Id("search-button")).Click();
        WaitForNewPage(old);
        return this;
    }

    public IReadOnlyList<Hit> Hits => [.. Driver.FindElements(By.CssSelector("li.hit")).Select(e => new Hit(e))];

    public string Total => Driver.FindElement(By.Id("total")).Text;

    public DocumentPageObject OpenDocumentOf(Hit hit)
    {
        var old = Driver.FindElement(By.TagName("html"));
        hit.Element.FindElement(By.CssSelector("a.document-link")).Click();
        WaitForNewPage(old);
        return new DocumentPageObject(browser);
    }

    /// <summary>Clicks a facet's value; returns false when the facet has no such value.</summary>
    public SearchPageObject Follow(string facet, string value)
    {
        var link = Driver.FindElements(By.CssSelector($"a[data-facet='{facet}']")).First(a => a.Text == value);
        var old = Driver.FindElement(By.TagName("html"));
        link.Click();
        WaitForNewPage(old);
        return this;
    }

    public IReadOnlyList<string> FacetValues(string facet) =>
        [.. Driver.FindElements(By.CssSelector($"a[data-facet='{facet}']")).Select(a => a.Text)];

    public IReadOnlyList<string> ActiveFilters =>
        [.. Driver.FindElements(By.CssSelector("ul.active-filters li")).Select(li => li.Text.TrimEnd('×', ' '))];

    /// <summary>Chooses an order; the page's small script applies it at once.</summary>
    public SearchPageObject SortBy(string order)
    {
        var old = Driver.FindElement(By.TagName("html"));
        Driver.FindElement(By.CssSelector($"#sort option[value='{order}']")).Click();
        WaitForNewPage(old);
        return this;
    }

    public string OpenApiJson()
    {
        var old = Driver.FindElement(By.TagName("html"));
        Driver.FindElement(By.Id("api-link")).Click();
        WaitForNewPage(old);
        return Driver.FindElement(By.TagName("body")).Text;
    }

    private void WaitForNewPage(IWebElement old) => browser.Until(driver =>
    {
        try
        {
            return old.TagName.Length < 0;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
    });

    /// <summary>One hit as shown.</summary>
    public sealed class Hit(IWebElement element)
    {
        public IWebElement Element { get; } = element;

        public string Section => Element.GetAttribute("data-section") ?? "";

        public int? Number => int.TryParse(Element.GetAttribute("data-number"), CultureInfo.InvariantCulture, out var n) ? n : null;

        public int? DocumentNumber => int.TryParse(Element.GetAttribute("data-document"), CultureInfo.InvariantCulture, out var n) ? n : null;

        public IReadOnlyList<string> Figures => [.. Element.FindElements(By.CssSelector("li.figure data")).Select(d => d.Text)];

        /// <summary>The largest money amount (or rate) of the hit, 0 without one.</summary>
        public decimal LargestAmount => Element.FindElements(By.CssSelector("li.figure-money data, li.figure-rate data"))
            .Select(d => decimal.Parse(d.GetAttribute("value")!, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

        public string Year => Element.FindElement(By.TagName("time")).GetAttribute("datetime")![..4];

        public string Text => Element.Text;
    }
}
