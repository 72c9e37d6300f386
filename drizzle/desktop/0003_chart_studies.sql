CREATE TABLE `chart_setups` (
	`session_id` text PRIMARY KEY NOT NULL,
	`indicators_json` text NOT NULL,
	`settings_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `drawings` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`session_id` text,
	`kind` text NOT NULL,
	`points_json` text NOT NULL,
	`style_json` text NOT NULL,
	`reveal_ts` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `drawings_instrument_idx` ON `drawings` (`instrument_id`,`reveal_ts`);--> statement-breakpoint
CREATE INDEX `drawings_session_idx` ON `drawings` (`session_id`);