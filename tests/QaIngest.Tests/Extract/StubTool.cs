namespace QaIngest.Tests.Extract;

/// <summary>An executable shell script in a temporary folder, standing in for pdftotext; deleted on dispose.</summary>
public sealed class StubTool : IDisposable
{
    private readonly string _folder;

    private StubTool(string folder)
    {
        _folder = folder;
        Path = System.IO.Path.Combine(folder, "pdftotext");
    }

    public string Path { get; }

    public static StubTool Create(string script)
    {
        var folder = Directory.CreateTempSubdirectory("qaingest-stub-").FullName;
        var stub = new StubTool(folder);
        File.WriteAllText(stub.Path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stub.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return stub;
    }

    public string PathOf(string name) => System.IO.Path.Combine(_folder, name);

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
