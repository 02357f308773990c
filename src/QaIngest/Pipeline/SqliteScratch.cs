using System.IO;
using Microsoft.Data.Sqlite;

namespace QaIngest.Pipeline;

/// <summary>Deleting a scratch SQLite folder: pooled handles are cleared first so the files can go.</summary>
internal static class SqliteScratch
{
    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next run, which clears the scratch folder when it starts.
        }
    }
}
