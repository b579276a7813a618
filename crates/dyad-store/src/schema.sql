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
    mentions INTEGER NOT NULL,                -- how often the document names it
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
    date_from      TEXT,                      -- text | relative | published (the record's)
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
-- an event's tellings by source, all a count of its sources reads (`sources`)
CREATE INDEX claims_event_source ON claims(event, source, reprint, doc);
CREATE INDEX claims_doc ON claims(doc);

-- Read paths kept in step with the tables above, so a query reads about as many rows as it
-- returns, however large the store (the API's latency target holds at 1,000,000 events).

-- An actor's events in date order: one row per party key and per party state.
CREATE TABLE actor_events (
    key   TEXT NOT NULL,
    date  TEXT NOT NULL,                      -- '' when unknown (a key column cannot be NULL)
    event INTEGER NOT NULL REFERENCES events(n) ON DELETE CASCADE,
    type  TEXT NOT NULL,                      -- the event's, for "a state's sanctions"
    PRIMARY KEY (key, date, event)
) WITHOUT ROWID;
CREATE INDEX actor_events_event ON actor_events(event);
CREATE INDEX actor_events_type ON actor_events(key, type, date, event);

-- The dyads of an event, either way round (x < y): actor × recipient, by party key and by
-- state (a minister's visit is also one between the two states), never key × state.
CREATE TABLE pairs (
    x     TEXT NOT NULL,
    y     TEXT NOT NULL,
    date  TEXT NOT NULL,                      -- '' when unknown
    event INTEGER NOT NULL REFERENCES events(n) ON DELETE CASCADE,
    score REAL NOT NULL,                      -- the event's, so a dyad's months need no join
    PRIMARY KEY (x, y, date, event)
) WITHOUT ROWID;
CREATE INDEX pairs_event ON pairs(event);

-- Totals of each dyad, and of each dyad by month ("2025-12"; "" when the date is unknown or
-- only the year is), kept by the triggers below: counterparts and the graph read these.
CREATE TABLE pair_totals (
    x           TEXT NOT NULL,
    y           TEXT NOT NULL,
    events      INTEGER NOT NULL,
    cooperation REAL NOT NULL,
    conflict    REAL NOT NULL,
    PRIMARY KEY (x, y)
) WITHOUT ROWID;
CREATE INDEX pair_totals_y ON pair_totals(y);
CREATE INDEX pair_totals_events ON pair_totals(events);

CREATE TABLE pair_months (
    month       TEXT NOT NULL,
    x           TEXT NOT NULL,
    y           TEXT NOT NULL,
    events      INTEGER NOT NULL,
    cooperation REAL NOT NULL,
    conflict    REAL NOT NULL,
    PRIMARY KEY (month, x, y)
) WITHOUT ROWID;

CREATE TRIGGER pairs_added AFTER INSERT ON pairs BEGIN
    INSERT INTO pair_totals (x, y, events, cooperation, conflict)
    VALUES (NEW.x, NEW.y, 1, MAX(NEW.score, 0), MIN(NEW.score, 0))
    ON CONFLICT (x, y) DO UPDATE SET
        events = events + 1,
        cooperation = cooperation + excluded.cooperation,
        conflict = conflict + excluded.conflict;
    INSERT INTO pair_months (month, x, y, events, cooperation, conflict)
    VALUES (CASE WHEN length(NEW.date) >= 7 THEN substr(NEW.date, 1, 7) ELSE '' END,
            NEW.x, NEW.y, 1, MAX(NEW.score, 0), MIN(NEW.score, 0))
    ON CONFLICT (month, x, y) DO UPDATE SET
        events = events + 1,
        cooperation = cooperation + excluded.cooperation,
        conflict = conflict + excluded.conflict;
END;
CREATE TRIGGER pairs_removed AFTER DELETE ON pairs BEGIN
    UPDATE pair_totals SET
        events = events - 1,
        cooperation = cooperation - MAX(OLD.score, 0),
        conflict = conflict - MIN(OLD.score, 0)
    WHERE x = OLD.x AND y = OLD.y;
    DELETE FROM pair_totals WHERE x = OLD.x AND y = OLD.y AND events <= 0;
    UPDATE pair_months SET
        events = events - 1,
        cooperation = cooperation - MAX(OLD.score, 0),
        conflict = conflict - MIN(OLD.score, 0)
    WHERE month = (CASE WHEN length(OLD.date) >= 7 THEN substr(OLD.date, 1, 7) ELSE '' END)
      AND x = OLD.x AND y = OLD.y;
    DELETE FROM pair_months WHERE events <= 0 AND x = OLD.x AND y = OLD.y;
END;

-- How often each actor is named.
CREATE TABLE actor_totals (
    key      TEXT PRIMARY KEY,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER entities_added AFTER INSERT ON entities BEGIN
    INSERT INTO actor_totals (key, mentions) VALUES (NEW.key, NEW.mentions)
    ON CONFLICT (key) DO UPDATE SET mentions = mentions + excluded.mentions;
END;
CREATE TRIGGER entities_removed AFTER DELETE ON entities BEGIN
    UPDATE actor_totals SET mentions = mentions - OLD.mentions WHERE key = OLD.key;
END;

-- The names actors are looked up by (`actor_names`) are created and filled by `names.rs`,
-- for a fresh store and for one written before it alike.
