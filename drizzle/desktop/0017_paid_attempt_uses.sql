CREATE TABLE `challenge_attempt_uses` (
	`attempt_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`template_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`used_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenge_attempt_uses_user_idx` ON `challenge_attempt_uses` (`user_id`,`template_id`);