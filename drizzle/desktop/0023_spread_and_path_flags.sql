CREATE TABLE `candle_spreads` (
	`instrument_id` text NOT NULL,
	`timeframe` text NOT NULL,
	`ts` integer NOT NULL,
	`spread_pts` integer NOT NULL,
	PRIMARY KEY(`instrument_id`, `timeframe`, `ts`),
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `instruments` ADD `spread_schedule` text;--> statement-breakpoint
ALTER TABLE `positions` ADD `path_dependent` integer DEFAULT false NOT NULL;