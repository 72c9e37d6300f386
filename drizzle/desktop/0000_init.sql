CREATE TABLE `candles` (
	`instrument_id` text NOT NULL,
	`timeframe` text NOT NULL,
	`ts` integer NOT NULL,
	`open` real NOT NULL,
	`high` real NOT NULL,
	`low` real NOT NULL,
	`close` real NOT NULL,
	`volume` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`instrument_id`, `timeframe`, `ts`),
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`instrument_id` text NOT NULL,
	`timeframe` text NOT NULL,
	`uploaded_by_user_id` text,
	`uploaded_at` integer NOT NULL,
	`records_count` integer NOT NULL,
	`file_id` text,
	`format` text NOT NULL,
	`timezone` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`start_ts` integer NOT NULL,
	`end_ts` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `datasets_instrument_timeframe_idx` ON `datasets` (`instrument_id`,`timeframe`);--> statement-breakpoint
CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text,
	`entity_id` text,
	`path` text NOT NULL,
	`size` integer NOT NULL,
	`md5` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `files_md5_idx` ON `files` (`md5`);--> statement-breakpoint
CREATE TABLE `instruments` (
	`id` text PRIMARY KEY NOT NULL,
	`symbol` text NOT NULL,
	`display_name` text NOT NULL,
	`digits` integer NOT NULL,
	`pip_size` real NOT NULL,
	`contract_size` real NOT NULL,
	`base_currency` text NOT NULL,
	`quote_currency` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instruments_symbol_unique` ON `instruments` (`symbol`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`side` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`lots` real NOT NULL,
	`price` real,
	`sl_price` real,
	`tp_price` real,
	`comment` text,
	`reject_reason` text,
	`placed_ts` integer NOT NULL,
	`filled_ts` integer,
	`fill_price` real,
	`position_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `orders_session_idx` ON `orders` (`session_id`);--> statement-breakpoint
CREATE TABLE `positions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`status` text NOT NULL,
	`side` text NOT NULL,
	`lots` real NOT NULL,
	`entry_price` real NOT NULL,
	`entry_bid` real NOT NULL,
	`entry_slippage` real DEFAULT 0 NOT NULL,
	`sl_price` real,
	`tp_price` real,
	`exit_price` real,
	`exit_bid` real,
	`opened_ts` integer NOT NULL,
	`closed_ts` integer,
	`realized_pnl_cents` integer,
	`commission_cents` integer DEFAULT 0 NOT NULL,
	`slippage_cents` integer DEFAULT 0 NOT NULL,
	`spread_cents` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `positions_session_idx` ON `positions` (`session_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`summary_json` text NOT NULL,
	`equity_curve_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`dataset_id` text,
	`name` text NOT NULL,
	`timeframe` text NOT NULL,
	`base_timeframe` text NOT NULL,
	`status` text NOT NULL,
	`speed` text DEFAULT '1x' NOT NULL,
	`start_ts` integer NOT NULL,
	`end_ts` integer,
	`cursor_ts` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`initial_balance_cents` integer NOT NULL,
	`leverage` real NOT NULL,
	`spread_pts` real NOT NULL,
	`slippage_pts` real DEFAULT 0 NOT NULL,
	`commission_per_lot_cents` integer DEFAULT 0 NOT NULL,
	`stop_out_pct` real DEFAULT 50 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`position_id` text,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`balance_after_cents` integer NOT NULL,
	`ts` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transactions_session_idx` ON `transactions` (`session_id`,`seq`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);