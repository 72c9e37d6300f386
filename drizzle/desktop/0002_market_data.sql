-- Hand-edited before first run: drizzle cannot declare WITHOUT ROWID. Both candle tables are
-- clustered on their primary key, which halves the writes of a bulk import and makes a range
-- read one B-tree walk. The candles table is empty before this migration (no importer existed).
CREATE TABLE `candle_cache` (
	`dataset_id` text NOT NULL,
	`timeframe` text NOT NULL,
	`chunk_ts` integer NOT NULL,
	`bars` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`dataset_id`, `timeframe`, `chunk_ts`),
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `candles`;
--> statement-breakpoint
CREATE TABLE `candles` (
	`instrument_id` text NOT NULL,
	`timeframe` text NOT NULL,
	`ts` integer NOT NULL,
	`open` real NOT NULL,
	`high` real NOT NULL,
	`low` real NOT NULL,
	`close` real NOT NULL,
	`volume` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`instrument_id`, `timeframe`, `ts`),
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
