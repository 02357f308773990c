using System.CommandLine;
using QaIngest.Cli;
using QaIngest.Cli.Commands;

var root = new RootCommand("QaIngest: the Flemish Parliament's written questions and answers as a searchable, figure-aware corpus.")
{
    ParseCommand.Create(),
    ExtractCommand.Create(),
    RunCommand.Create(),
    StatusCommand.Create(),
    StatusCommand.CreateRetryFailed(),
    IndexCommand.Create(),
    SearchCommand.Create(),
    ReindexCommand.Create(),
    AmountsCommand.Create(),
    ExportCommand.Create(),
    ServeCommand.Create(),
    new Command("eval", "Evaluate extraction and search against gold files.") { EvalFiguresCommand.Create(), EvalSearchCommand.Create(), EvalRealCommand.Create() },
    FetchCommand.Create(),
    DiscoverCommand.Create(),
    StandInCommand.Create(),
    BenchCommand.Create(),
};

return CommandLine.Run(root, args);
