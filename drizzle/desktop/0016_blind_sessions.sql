CREATE TABLE `blind_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`seed` integer NOT NULL,
	`time_shift_seconds` integer NOT NULL,
	`price_offset` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
