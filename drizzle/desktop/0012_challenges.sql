CREATE TABLE `challenge_events` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`kind` text NOT NULL,
	`ts` integer NOT NULL,
	`detail_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `challenge_events_challenge_idx` ON `challenge_events` (`challenge_id`,`ts`);--> statement-breakpoint
CREATE TABLE `challenge_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`copied_from` text,
	`rulebook_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenge_templates_user_idx` ON `challenge_templates` (`user_id`);--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`template_id` text NOT NULL,
	`rulebook_json` text NOT NULL,
	`phase_index` integer NOT NULL,
	`status` text NOT NULL,
	`start_ts` integer NOT NULL,
	`breach_rule` text,
	`breach_ts` integer,
	`breach_tick` integer,
	`breach_limit` real,
	`breach_value` real,
	`passed_ts` integer,
	`evaluator_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `challenges_session_idx` ON `challenges` (`session_id`);--> statement-breakpoint
CREATE INDEX `challenges_user_idx` ON `challenges` (`user_id`);