CREATE TABLE `usage_records` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`metric` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	`plan_code` text NOT NULL,
	`plan_limit` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_records_user_metric_period_idx` ON `usage_records` (`user_id`,`metric`,`period_start`);