-- Candles keyed by a small integer per (instrument, timeframe) instead of the 36-character
-- instrument id and the timeframe text in every row: half the bytes per M1 row. Existing
-- candles are converted in place, every row kept; series ids follow the old key's order so the
-- copy appends to the new B-tree in key order.
CREATE TABLE `series` (
	`id` integer PRIMARY KEY NOT NULL,
	`instrument_id` text NOT NULL,
	`timeframe` text NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_instrument_timeframe_idx` ON `series` (`instrument_id`,`timeframe`);--> statement-breakpoint
INSERT INTO `series` (`instrument_id`, `timeframe`)
	SELECT DISTINCT `instrument_id`, `timeframe` FROM `candles` ORDER BY `instrument_id`, `timeframe`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_candles` (
	`series_id` integer NOT NULL,
	`ts` integer NOT NULL,
	`open` real NOT NULL,
	`high` real NOT NULL,
	`low` real NOT NULL,
	`close` real NOT NULL,
	`volume` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`series_id`, `ts`),
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_candles`("series_id", "ts", "open", "high", "low", "close", "volume")
	SELECT s.`id`, c.`ts`, c.`open`, c.`high`, c.`low`, c.`close`, c.`volume`
	FROM `candles` c JOIN `series` s ON s.`instrument_id` = c.`instrument_id` AND s.`timeframe` = c.`timeframe`
	ORDER BY s.`id`, c.`ts`;--> statement-breakpoint
DROP TABLE `candles`;--> statement-breakpoint
ALTER TABLE `__new_candles` RENAME TO `candles`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
