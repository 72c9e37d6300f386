ALTER TABLE `instruments` ADD `min_lot` real DEFAULT 0.01 NOT NULL;--> statement-breakpoint
ALTER TABLE `instruments` ADD `lot_step` real DEFAULT 0.01 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `exit_reason` text;