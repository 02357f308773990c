using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace QaIngest.Web.Tests.Browser;

/// <summary>Debian's headless chromium driven by its chromium-driver (installed by scripts/ensure-deps), in English.</summary>
public sealed class Browser : IDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    private Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static Browser Start()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            throw new InvalidOperationException($"the browser tests need {Chromium} and {ChromeDriver}: run scripts/ensure-deps as root, or apt-get install chromium chromium-driver");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--lang=en-US", "--no-first-run", "--disable-extensions");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        options.AddUserProfilePreference("intl.accept_languages", "en-US,en");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return new Browser(driver);
    }

    /// <summary>Waits until a condition holds (a new page loaded, an element shown).</summary>
    public T Until<T>(Func<IWebDriver, T> condition) => new WebDriverWait(Driver, TimeSpan.FromSeconds(15)).Until(condition);

    /// <summary>Saves a screenshot of the whole page into the folder QAINGEST_SCREENSHOTS names, when it names one.</summary>
    public void Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("QAINGEST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, name));
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
