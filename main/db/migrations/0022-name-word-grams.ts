import type Database from 'better-sqlite3';

// The name words (0006) again, in a small trigram index of their own, so a lookup can tell at once that no name
// holds a word: "gallager" is in no name, and asking the customers' trigram index for it reads the lists of every
// one of its trigrams ("gal", "all", "lla", "age", "ger" …) to the end, which grows with the store: about 1 ms at
// 300,000 customers, most of a one-typo lookup's 7.3 ms p99 at 5 million. This index grows with the distinct
// words (a few thousand), not the customers. A word of 4+ letters inside a name is inside one of its words, and every
// word of 4+ letters is a name word, so "no name word holds it" means no name does.
//
// Kept by triggers on name_words, so it follows every way a name is written or erased; secure-delete, so a word
// that goes (its last customer erased) leaves no trigrams behind.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE name_word_grams USING fts5 (word, tokenize = 'trigram remove_diacritics 1');
    INSERT INTO name_word_grams (name_word_grams, rank) VALUES ('secure-delete', 1);
    INSERT INTO name_word_grams (word) SELECT word FROM name_words;
    CREATE TRIGGER name_words_grams_insert AFTER INSERT ON name_words BEGIN
      INSERT INTO name_word_grams (word) VALUES (NEW.word);
    END;
    CREATE TRIGGER name_words_grams_delete AFTER DELETE ON name_words BEGIN
      DELETE FROM name_word_grams WHERE rowid IN (
        SELECT rowid FROM name_word_grams WHERE name_word_grams MATCH '"' || replace(OLD.word, '"', '""') || '"' AND word = OLD.word);
    END;
  `);
}
