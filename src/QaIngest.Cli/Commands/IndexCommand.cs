using System.CommandLine;
using QaIngest.Cli.Output;
using QaIngest.Index;

namespace QaIngest.Cli.Commands;

/// <summary><c>qaingest index PATH...</c>: parse, extract figures and index files or folders.</summary>
public static class IndexCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders (folders are searched for .txt documents).", Arity = ArgumentArity.OneOrMore };
        var data = Options.Data();
        var format = Options.Format();
        var command = new Command("index", "Parse, extract figures and index documents; re-indexing a document replaces it.") { paths, data, format };
        command.SetAction((r, ct) => Run(r.GetValue(paths)!, r.GetValue(data)!, r.GetValue(format)!, ct));
        return command;
    }

    private static async Task<int> Run(string[] paths, string data, string format, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var files = DocumentLoader.Expand(paths, missing).ToList();
        if (missing.Count > 0)
        {
            return CommandLine.Fail($"{missing[0]}: no such file or folder");
        }

        if (WritableIndex.Open(data, out var failure) is not { } writable)
        {
            return failure;
        }

        using (writable)
        {
            var index = writable.Index;
            var failed = new List<FailedDocument>();
            var indexed = 0;
            var unchanged = 0;
            foreach (var file in files)
            {
                var (loaded, error) = await DocumentLoader.LoadAsync(file, cancellationToken);
                if (loaded is null)
                {
                    failed.Add(new FailedDocument(file, error!));
                    Console.Error.WriteLine($"qaingest: {error}");
                    continue;
                }

                var document = loaded.ToIndexed();

                if (index.ContentHashOf(document.Key) == document.ContentHash)
                {
                    unchanged++;
                    continue;
                }

                index.Add(document);
                indexed++;
            }

            var counts = index.Counts();
            var report = new IndexReport(files.Count, indexed, unchanged, failed, counts);
            Console.Out.WriteLine(format == "json"
                ? Json.Serialize(report)
                : $"{indexed} indexed, {unchanged} unchanged, {failed.Count} failed; the index holds {counts.Documents} documents, {counts.Items} items, {counts.Figures} figures, {counts.Terms} terms ({index.Path})");
            return failed.Count == 0 ? CommandLine.Ok : CommandLine.SomeFailed;
        }
    }

    private sealed record FailedDocument(string Path, string Reason);

    private sealed record IndexReport(int Files, int Indexed, int Unchanged, List<FailedDocument> Failed, IndexCounts Index);
}
