using OpenQA.Selenium;

namespace QaIngest.Web.Tests.Browser;

/// <summary>A document page as a person sees it: its title, each question beside its answer.</summary>
public sealed class DocumentPageObject(Browser browser)
{
    public string Title => browser.Driver.FindElement(By.Id("title")).Text;

    /// <summary>The question and the answer shown side by side in row <paramref name="number"/>.</summary>
    public (string Question, string Answer) Row(int number)
    {
        var row = browser.Driver.FindElement(By.Id($"q{number}"));
        return (row.FindElement(By.ClassName("question")).Text, row.FindElement(By.ClassName("answer")).Text);
    }

    /// <summary>Whether the question and its answer really stand beside each other (same top, answer to the right).</summary>
    public bool SideBySide(int number)
    {
        var row = browser.Driver.FindElement(By.Id($"q{number}"));
        var question = row.FindElement(By.ClassName("question"));
        var answer = row.FindElement(By.ClassName("answer"));
        return question.Location.Y == answer.Location.Y && answer.Location.X > question.Location.X + question.Size.Width - 1;
    }

    /// <summary>Scrolls row <paramref name="number"/> to the top of the window, as a reader would.</summary>
    public void ScrollTo(int number) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView(true);", browser.Driver.FindElement(By.Id($"q{number}")));

    public void Back() => browser.Driver.Navigate().Back();
}
