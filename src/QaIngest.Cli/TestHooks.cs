namespace QaIngest.Cli;

/// <summary>
/// TEST-ONLY HOOKS. Nothing here is for operators: the hostile tests set these environment variables
/// on a child <c>qaingest</c> process to make it fail in ways no real file can be made to on demand.
/// </summary>
public static class TestHooks
{
    /// <summary>
    /// <c>QAINGEST_TEST_DIE_ON=NAME</c>: the process kills itself (SIGKILL, no clean-up) when a run
    /// starts reading a document whose file name is NAME — a reading that takes the process down.
    /// </summary>
    public const string DieOnVariable = "QAINGEST_TEST_DIE_ON";

    /// <summary>The pipeline's reading hook for <see cref="DieOnVariable"/>, or null when it is not set.</summary>
    public static Action<string>? DieOn()
    {
        var name = Environment.GetEnvironmentVariable(DieOnVariable);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return key =>
        {
            if (string.Equals(Path.GetFileName(key), name, StringComparison.Ordinal))
            {
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            }
        };
    }
}
