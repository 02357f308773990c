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

    /// <summary>
    /// <c>QAINGEST_TEST_STALL_ON=NAME</c>: reading a document whose file name is NAME never ends and
    /// heeds no cancellation, as a library stuck in a file does: what SIGTERM must still end within 2 s.
    /// </summary>
    public const string StallOnVariable = "QAINGEST_TEST_STALL_ON";

    /// <summary>The reading hook for <see cref="StallOnVariable"/>, or null when it is not set.</summary>
    public static Action<string>? StallOn()
    {
        var name = Environment.GetEnvironmentVariable(StallOnVariable);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return key =>
        {
            if (string.Equals(Path.GetFileName(key), name, StringComparison.Ordinal))
            {
                Thread.Sleep(Timeout.Infinite);
            }
        };
    }

    /// <summary>Every reading hook that is set (<see cref="DieOnVariable"/>, <see cref="StallOnVariable"/>), or null.</summary>
    public static Action<string>? Reading()
    {
        var die = DieOn();
        var stall = StallOn();
        return die is null && stall is null ? null : key =>
        {
            die?.Invoke(key);
            stall?.Invoke(key);
        };
    }
}
