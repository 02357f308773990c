using System.CommandLine;
using QaIngest.Cli;
using QaIngest.Cli.Commands;

var root = new RootCommand("QaIngest: the Flemish Parliament's written questions and answers as a searchable, figure-aware corpus.")
{
    ParseCommand.Create(),
    BenchCommand.Create(),
};

return CommandLine.Run(root, args);
