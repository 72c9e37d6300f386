CREATE TABLE `journal_screenshots` (
	`id` text PRIMARY KEY NOT NULL,
	`position_id` text NOT NULL,
	`session_id` text NOT NULL,
	`file_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `journal_screenshots_session_idx` ON `journal_screenshots` (`session_id`);--> statement-breakpoint
CREATE INDEX `journal_screenshots_position_idx` ON `journal_screenshots` (`position_id`);