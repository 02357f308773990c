using System.CommandLine;

namespace QaIngest.Cli;

/// <summary>Runs the command tree with exit codes scripts can rely on.</summary>
public static class CommandLine
{
    /// <summary>0 success, 1 partial failure, 2 bad input or arguments, 3 locked.</summary>
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int BadInput = 2;
    public const int Locked = 3;

    /// <summary>Interrupted (Ctrl+C, SIGTERM), as shells report a SIGINT.</summary>
    public const int Cancelled = 130;

    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"qaingest: {error.Message}");
            }

            Console.Error.WriteLine("Try 'qaingest --help'.");
            return BadInput;
        }

        return parsed.Invoke();
    }

    /// <summary>Opens the index of a data directory, or writes why it cannot and gives the exit code in <paramref name="failure"/>.</summary>
    public static QaIngest.Index.SearchIndex? OpenIndex(string data, bool create, out int failure)
    {
        failure = Ok;
        try
        {
            return QaIngest.Index.SearchIndex.Open(data, create);
        }
        catch (QaIngest.Index.IndexUnavailableException e)
        {
            failure = Fail(e.Message);
            return null;
        }
    }

    /// <summary>Writes a one-line error and returns the exit code for bad input.</summary>
    public static int Fail(string message, int code = BadInput)
    {
        Console.Error.WriteLine($"qaingest: {message}");
        return code;
    }
}
