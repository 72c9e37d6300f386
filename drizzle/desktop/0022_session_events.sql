CREATE TABLE `session_events` (
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`payload_json` text NOT NULL,
	`ids_json` text NOT NULL,
	`cursor_ts` integer NOT NULL,
	`status` text NOT NULL,
	`ledger_seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `seq`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `parent_session_id` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `branched_at_ts` integer;