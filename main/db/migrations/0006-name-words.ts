import type Database from 'better-sqlite3';

// The distinct words of customer names, each with its one-letter deletions, so a typo ("obrein") finds the names
// one edit away ("obrien") by a few index probes instead of scanning the search index with LIKE patterns (which
// took up to 140 ms at a million customers). Kept by triggers, so every way a customer is written (the counter,
// imports, erasure) keeps it right; a word goes when no customer uses it any more, so an erased name leaves no trace.
// Words under 4 letters are left out: one edit away from a 3-letter word is too much of the directory.

/** The words of a name key (already lower-case, single-spaced) starting at position seq.i. */
const wordsOf = (key: string) => `
  SELECT DISTINCT substr(${key}, name_word_positions.i, instr(substr(${key}, name_word_positions.i) || ' ', ' ') - 1) AS word
  FROM name_word_positions
  WHERE name_word_positions.i <= length(${key})
    AND (name_word_positions.i = 1 OR substr(${key}, name_word_positions.i - 1, 1) = ' ')`;

const addWords = (key: string) => `
  INSERT INTO name_words (word, uses)
    SELECT word, 1 FROM (${wordsOf(key)}) WHERE length(word) >= 4
    ON CONFLICT (word) DO UPDATE SET uses = uses + 1;`;

const dropWords = (key: string) => `
  UPDATE name_words SET uses = uses - 1 WHERE word IN (${wordsOf(key)});
  DELETE FROM name_words WHERE uses <= 0 AND word IN (${wordsOf(key)});`;

/** The words of every customer with an id above :after, counted once per customer. */
const wordsAfter = `
    SELECT word, count(*) AS uses FROM (
      SELECT DISTINCT customers.id,
        substr(customers.name_key, name_word_positions.i,
               instr(substr(customers.name_key, name_word_positions.i) || ' ', ' ') - 1) AS word
      FROM customers JOIN name_word_positions
        ON name_word_positions.i <= length(customers.name_key)
       AND (name_word_positions.i = 1 OR substr(customers.name_key, name_word_positions.i - 1, 1) = ' ')
      WHERE customers.id > :after
    )
    WHERE length(word) >= 4
    GROUP BY word`;

/** Fills name_words from the customers table in one pass (after a bulk load that ran without the triggers). */
export const REBUILD_NAME_WORDS = `
  DELETE FROM name_words;
  INSERT INTO name_words (word, uses) ${wordsAfter.replace(':after', '0')};`;

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE name_word_positions (i INTEGER PRIMARY KEY);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256)
      INSERT INTO name_word_positions (i) SELECT i FROM n;

    CREATE TABLE name_words (word TEXT PRIMARY KEY, uses INTEGER NOT NULL) WITHOUT ROWID;
    -- A word and each of its one-letter deletions: two words are one edit apart only if they share a variant.
    CREATE TABLE name_word_variants (
      variant TEXT NOT NULL,
      word TEXT NOT NULL,
      PRIMARY KEY (variant, word)
    ) WITHOUT ROWID;
    CREATE INDEX name_word_variants_word ON name_word_variants (word);

    CREATE TRIGGER name_words_variants AFTER INSERT ON name_words BEGIN
      INSERT OR IGNORE INTO name_word_variants (variant, word)
        SELECT NEW.word, NEW.word
        UNION ALL
        SELECT substr(NEW.word, 1, i - 1) || substr(NEW.word, i + 1), NEW.word
        FROM name_word_positions WHERE i <= length(NEW.word);
    END;
    CREATE TRIGGER name_words_forget AFTER DELETE ON name_words BEGIN
      DELETE FROM name_word_variants WHERE word = OLD.word;
    END;

    -- A batch writer (the CSV import) sets this inside its transaction and adds the batch's words in one statement.
    CREATE TABLE bulk_loads (name TEXT PRIMARY KEY) WITHOUT ROWID;

    CREATE TRIGGER customers_words_insert AFTER INSERT ON customers
      WHEN NOT EXISTS (SELECT 1 FROM bulk_loads WHERE name = 'name_words') BEGIN
      ${addWords('NEW.name_key')}
    END;
    CREATE TRIGGER customers_words_delete AFTER DELETE ON customers BEGIN
      ${dropWords('OLD.name_key')}
    END;
    CREATE TRIGGER customers_words_update AFTER UPDATE OF name_key ON customers
      WHEN OLD.name_key IS NOT NEW.name_key BEGIN
      ${dropWords('OLD.name_key')}
      ${addWords('NEW.name_key')}
    END;

    ${REBUILD_NAME_WORDS}
  `);
}
