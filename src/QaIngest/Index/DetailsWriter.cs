using System.Globalization;
using Microsoft.Data.Sqlite;
using QaIngest.Figures;
using QaIngest.Parse;

namespace QaIngest.Index;

/// <summary>
/// Writes the details of <see cref="DetailsSchema"/> for a document whose rows the document writer
/// has just written or rewritten: prepared once per write transaction.
/// </summary>
internal sealed class DetailsWriter : IDisposable
{
    /// <summary>What joins a list in one text column (themes, ministers, warnings, covers, years).</summary>
    public const string ListSeparator = "; ";

    private readonly SqliteCommand document;
    private readonly SqliteCommand covers;
    private readonly SqliteCommand dropChecks;
    private readonly SqliteCommand check;

    public DetailsWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        document = Prepare(connection, transaction,
            "UPDATE documents SET answer_kind = $k, theme = $t, ministers = $m, minister_numbers = $mn, warnings = $w, source_url = $u WHERE id = $d",
            "$k", "$t", "$m", "$mn", "$w", "$u", "$d");
        covers = Prepare(connection, transaction, "UPDATE items SET covers = $c WHERE id = $i", "$c", "$i");
        dropChecks = Prepare(connection, transaction, "DELETE FROM checks WHERE document_id = $d", "$d");
        check = Prepare(connection, transaction,
            "INSERT INTO checks(document_id, item_id, kind, section, number, part, total, total_text, computed, holds, parts) VALUES ($d, $i, $k, $s, $n, $p, $t, $tt, $c, $h, $ps)",
            "$d", "$i", "$k", "$s", "$n", "$p", "$t", "$tt", "$c", "$h", "$ps");
    }

    /// <summary>The name of an answer kind as the JSON, the index and the exports spell it.</summary>
    public static string AnswerKindName(AnswerKind kind) => kind switch
    {
        AnswerKind.Numbered => "numbered",
        AnswerKind.SingleBlock => "single-block",
        AnswerKind.Deferral => "deferral",
        _ => "none",
    };

    /// <summary>Themes as stored, joined; null when none.</summary>
    public static string? JoinThemes(IEnumerable<string> themes) => Join(themes);

    /// <summary>Themes as stored, split.</summary>
    public static string[] SplitThemes(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Writes the details of a document; <paramref name="itemIds"/> are its items' ids in <see cref="SearchIndex.ItemsOf"/> order.</summary>
    public void Write(long documentId, IndexedDocument d, IReadOnlyList<long> itemIds)
    {
        var q = d.Question;
        Run(document, AnswerKindName(q.AnswerKind), JoinThemes(d.Themes), Join(q.Ministers.Select(m => m.Name)), Join(q.Ministers.Select(m => m.Number.ToString(CultureInfo.InvariantCulture))),
            Join(q.Warnings.Select(w => w.Code)), d.SourceUrl, documentId);

        var items = SearchIndex.ItemsOf(q).Select(i => (i.Section, i.Number)).ToList();
        var answer = 0;
        for (var i = 0; i < items.Count && i < itemIds.Count; i++)
        {
            if (items[i].Section == Section.Answer && answer < q.Answers.Length)
            {
                var covered = q.Answers[answer++].Covers;
                if (!covered.IsDefaultOrEmpty)
                {
                    Run(covers, Join(covered.Select(c => c.ToString(CultureInfo.InvariantCulture))), itemIds[i]);
                }
            }
        }

        Run(dropChecks, documentId);
        foreach (var c in d.Checks)
        {
            var at = items.FindIndex(i => SearchIndex.SameItem(c.Location, i.Section, i.Number));
            Run(check, documentId, at >= 0 && at < itemIds.Count ? itemIds[at] : null, c.Kind.ToString().ToLowerInvariant(), SearchIndex.SectionName(c.Location.Section),
                c.Location.Number, c.Location.Part, (double)c.Total.Value, c.Total.Text, (double)c.Computed, c.Holds ? 1 : 0, Join(c.Parts.Select(p => p.Text)) ?? string.Empty);
        }
    }

    /// <summary>A figure's years as stored; null when none.</summary>
    public static string? Years(Figure f) => f.Years.IsDefaultOrEmpty ? null : Join(f.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)));

    public void Dispose()
    {
        document.Dispose();
        covers.Dispose();
        dropChecks.Dispose();
        check.Dispose();
    }

    private static string? Join(IEnumerable<string> values)
    {
        var joined = string.Join(ListSeparator, values);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>A prepared command of the batch's transaction, its parameters named and unset (the store's writers share it).</summary>
    internal static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
