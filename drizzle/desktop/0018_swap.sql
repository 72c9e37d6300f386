ALTER TABLE `instruments` ADD `swap_mode` text DEFAULT 'points' NOT NULL;--> statement-breakpoint
ALTER TABLE `instruments` ADD `swap_long` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `instruments` ADD `swap_short` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `instruments` ADD `swap_triple_weekday` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `swap_cents` integer DEFAULT 0 NOT NULL;