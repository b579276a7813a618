-- dyad store, schema 1. Offsets are characters. Dates are ISO strings, as precise as known
-- ("2025", "2025-10", "2025-12-04"), so they sort and prefix-match.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per distinct document (the contract's id: a hash of the cleaned text).
CREATE TABLE documents (
    n            INTEGER PRIMARY KEY,         -- order of ingest
    id           TEXT NOT NULL UNIQUE,
    input        TEXT NOT NULL,
    format       TEXT NOT NULL,
    published    TEXT,
    outlet       TEXT,
    via          TEXT NOT NULL,               -- JSON array
    title        TEXT,
    duplicate_of TEXT,                        -- the earlier document it reprints
    text         TEXT NOT NULL,               -- the article as the cleaner kept it
    source       TEXT NOT NULL,               -- the input as read, for `dyad reprocess`
    record       TEXT NOT NULL,               -- the contract record, as extracted
    extractor    TEXT NOT NULL,               -- what extracted it (dyad version)
    ingested_at  TEXT NOT NULL,
    indexed      INTEGER NOT NULL DEFAULT 0   -- in the full-text index
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_unindexed ON documents(indexed) WHERE indexed = 0;

CREATE TABLE entities (
    doc      INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
    id       TEXT NOT NULL,                   -- "e1" within the document
    kind     TEXT NOT NULL,                   -- PER ORG GPE LOC
    name     TEXT NOT NULL,
    key      TEXT NOT NULL,                   -- actor key: dictionary id, else state, else name
    wikidata TEXT,
    country  TEXT,
    sector   TEXT,
    office   TEXT,
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX entities_key ON entities(key);

CREATE TABLE mentions (
    doc    INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    start  INTEGER NOT NULL,                  -- in documents.text
    end    INTEGER NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);

-- What happened, once.
CREATE TABLE events (
    n              INTEGER PRIMARY KEY,
    story          TEXT NOT NULL,             -- type|mode|aux|actors|recipients: same story, same key
    type           TEXT NOT NULL,
    mode           TEXT,
    contexts       TEXT NOT NULL,             -- JSON array
    date           TEXT,
    date_precision TEXT NOT NULL,
    location       TEXT,
    location_country TEXT,
    aux            TEXT,
    score          REAL NOT NULL,
    sources        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_story ON events(story);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type, date);

-- Who did it and to whom. `key` is the actor key, `country` the party's state.
CREATE TABLE parties (
    event   INTEGER NOT NULL REFERENCES events(n) ON DELETE CASCADE,
    role    TEXT NOT NULL,                    -- actor | recipient
    key     TEXT NOT NULL,
    name    TEXT NOT NULL,
    country TEXT,
    sector  TEXT
);
CREATE INDEX parties_key ON parties(key, event, role);
CREATE INDEX parties_country ON parties(country, event, role);
CREATE INDEX parties_event ON parties(event);

-- Who told it, where: one row per telling.
CREATE TABLE claims (
    n             INTEGER PRIMARY KEY,
    event         INTEGER NOT NULL REFERENCES events(n) ON DELETE CASCADE,
    doc           INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
    local_id      TEXT NOT NULL,              -- "v1" within the document's record
    source        TEXT NOT NULL,              -- the outlet, else the document id
    reprint       INTEGER NOT NULL,           -- the document reprints an earlier one
    claimed_by    TEXT,                       -- who reports it, as named
    claimed_by_key TEXT,
    claimed_by_country TEXT,
    date_text     TEXT,
    evidence      TEXT NOT NULL,              -- the sentence
    start         INTEGER NOT NULL,           -- in documents.text
    end           INTEGER NOT NULL,
    more_evidence TEXT NOT NULL               -- JSON [[start, end], …]
);
CREATE INDEX claims_event ON claims(event);
CREATE INDEX claims_doc ON claims(doc);
