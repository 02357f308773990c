namespace QaIngest.Extract;

/// <summary>What a finished (or killed) child process left behind.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
