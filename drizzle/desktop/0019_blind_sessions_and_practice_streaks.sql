CREATE TABLE `blind_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`seed` integer NOT NULL,
	`time_shift_seconds` integer NOT NULL,
	`price_offset` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `practice_reminders` (
	`user_id` text NOT NULL,
	`due_window_key` text NOT NULL,
	`channel` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `due_window_key`, `channel`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `practice_streaks` (
	`user_id` text PRIMARY KEY NOT NULL,
	`current_streak_days` integer DEFAULT 0 NOT NULL,
	`best_streak_days` integer DEFAULT 0 NOT NULL,
	`last_streak_date` text,
	`pending_date` text,
	`pending_bars` integer DEFAULT 0 NOT NULL,
	`bars_per_day` integer DEFAULT 200 NOT NULL,
	`reminder_time` text,
	`zone` text DEFAULT 'UTC' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
