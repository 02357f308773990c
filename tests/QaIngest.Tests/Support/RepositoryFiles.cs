namespace QaIngest.Tests.Support;

/// <summary>Finds committed test data (seeds/, corpus/) from the test binaries, wherever they run.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds QaIngest.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The absolute path of a repository-relative path ("corpus/real/x.pdf").</summary>
    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "QaIngest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No QaIngest.sln above {AppContext.BaseDirectory}.");
    }
}
