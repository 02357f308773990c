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

    /// <summary>Writes a one-line error and returns the exit code for bad input.</summary>
    public static int Fail(string message, int code = BadInput)
    {
        Console.Error.WriteLine($"qaingest: {message}");
        return code;
    }
}
