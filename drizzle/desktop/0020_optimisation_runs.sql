CREATE TABLE `optimisation_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy_version_id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`timeframe` text NOT NULL,
	`from_ts` integer NOT NULL,
	`to_ts` integer NOT NULL,
	`settings_json` text NOT NULL,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`sets_total` integer DEFAULT 0 NOT NULL,
	`sets_done` integer DEFAULT 0 NOT NULL,
	`results_json` text,
	`walk_forward_json` text,
	`error` text,
	`started_at` integer,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`strategy_version_id`) REFERENCES `strategy_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `optimisation_runs_version_idx` ON `optimisation_runs` (`strategy_version_id`);