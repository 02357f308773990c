namespace QaIngest.Index;

/// <summary>The SQLite schema of the record the Lucene index is derived from, in one place.</summary>
internal static class IndexSchema
{
    // 3: answer kind, themes and the other details of DetailsSchema, and the checks table.
    // 4: the section as a term (section:answer), annexes (doc_annexes), figures outside any item kept.
    public const int Version = 4;

    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS documents(
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            content_hash TEXT,
            number INTEGER,
            date TEXT,
            year INTEGER,
            asker TEXT,
            minister TEXT,
            minister_title TEXT,
            title TEXT,
            indexed_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
        CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
        CREATE TABLE IF NOT EXISTS items(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            section TEXT NOT NULL,
            number INTEGER,
            text TEXT NOT NULL,
            max_amount REAL,
            question INTEGER);
        CREATE INDEX IF NOT EXISTS items_document ON items(document_id);
        CREATE INDEX IF NOT EXISTS items_max_amount ON items(max_amount);
        CREATE TABLE IF NOT EXISTS figures(
            id INTEGER PRIMARY KEY,
            item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value REAL NOT NULL,
            range_end REAL,
            currency TEXT,
            unit TEXT,
            per TEXT,
            text TEXT NOT NULL,
            sentence TEXT,
            qualifier TEXT,
            implied INTEGER NOT NULL DEFAULT 0,
            section TEXT NOT NULL,
            number INTEGER,
            part TEXT);
        CREATE INDEX IF NOT EXISTS figures_value ON figures(kind, value);
        CREATE INDEX IF NOT EXISTS figures_item ON figures(item_id);
        CREATE INDEX IF NOT EXISTS figures_document ON figures(document_id);
        CREATE TABLE IF NOT EXISTS vocabulary(reversed TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS index_pending(key TEXT PRIMARY KEY) WITHOUT ROWID;
        """;

    /// <summary>
    /// The keys of documents written to the record since the last Lucene commit (<c>index_pending</c>,
    /// written in the record's transaction, emptied after each Lucene commit): what a writer that
    /// stopped between Lucene commits left out of the index, written again when the next writer opens.
    /// </summary>
    public const string InsertPending = "INSERT OR IGNORE INTO index_pending(key) VALUES ($k)";

    /// <summary>
    /// The tables of the SQLite FTS5 index that Lucene replaced: a database written before is
    /// rid of them (and its Lucene index is rebuilt from the record on the first write).
    /// </summary>
    public const string DropFullText = """
        DROP TABLE IF EXISTS items_fts;
        DROP TABLE IF EXISTS vocabulary_trigrams;
        DROP TABLE IF EXISTS terms;
        DROP TABLE IF EXISTS term_items;
        DROP TABLE IF EXISTS year_items;
        """;

    /// <summary>
    /// The table of words (<c>vocabulary</c>, created with the record): every whole word the items'
    /// text was indexed with, written backwards, so that the words ending in a query word (its
    /// compounds) are one range of its primary key. Derived like the Lucene index; a word whose items
    /// are gone stays (it then finds nothing), a word is never missing.
    /// </summary>
    public const string InsertWord = "INSERT OR IGNORE INTO vocabulary(reversed) VALUES ($w)";

    /// <summary>Settings of a connection that writes: a page cache (32 MB) that holds the hot parts of the secondary indexes.</summary>
    public const string Writing = "PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8192;";
}
