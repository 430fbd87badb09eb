import GRDB

/// The body of every migration of `Schema.migrator`, one function per version. Each one
/// writes the SQL of its own version: it never calls the store's record types or live
/// table lists (a column or table added to those later would change what an old migration
/// does on a fresh install). Never edit a shipped migration: add a new one.
enum Migrations {}
