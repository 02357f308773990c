namespace QaIngest.Tests;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QaIngest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QaIngest.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string File_(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Seed(string name) => Path.Combine(Root, "seeds", name);

    /// <summary>A fixture folder next to the tests, as copied to the output folder.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>The build configuration the tests run under (Debug or Release).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
