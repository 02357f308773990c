namespace QaIngest.Index;

/// <summary>The SQLite schema of the search index, in one place.</summary>
internal static class IndexSchema
{
    public const int Version = 1;

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
            indexed_at TEXT NOT NULL,
            first_item INTEGER,
            last_item INTEGER);
        CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
        CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
        CREATE TABLE IF NOT EXISTS items(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            section TEXT NOT NULL,
            number INTEGER,
            text TEXT NOT NULL,
            max_amount REAL);
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
        CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
            title, body, context, parts, asker, minister,
            content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');
        CREATE TABLE IF NOT EXISTS terms(
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE);
        CREATE VIRTUAL TABLE IF NOT EXISTS vocabulary_trigrams USING fts5(term, content = '', tokenize = 'trigram');
        CREATE TABLE IF NOT EXISTS year_items(
            year INTEGER PRIMARY KEY,
            first_item INTEGER NOT NULL,
            last_item INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS term_items(
            term TEXT PRIMARY KEY,
            items INTEGER NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>
    /// Settings of a connection that writes: a page cache that holds the hot parts of the secondary
    /// indexes (figures by value, term counts), which the default 2 MB does not.
    /// </summary>
    public const string Writing = "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192;";

    /// <summary>Column weights for bm25: title above question and answer text, context and parts below.</summary>
    public const string Bm25 = "bm25(items_fts, 3.0, 1.0, 1.0, 0.5, 1.0, 1.0)";
}
