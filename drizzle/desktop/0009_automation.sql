CREATE TABLE `automation_api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer,
	`usage_count` integer DEFAULT 0 NOT NULL,
	`rate_limit_per_minute` integer DEFAULT 600 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `automation_clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_api_keys_prefix_unique` ON `automation_api_keys` (`prefix`);--> statement-breakpoint
CREATE UNIQUE INDEX `automation_api_keys_keyHash_unique` ON `automation_api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `automation_api_keys_client_idx` ON `automation_api_keys` (`client_id`);--> statement-breakpoint
CREATE TABLE `automation_audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`action` text NOT NULL,
	`resource` text NOT NULL,
	`resource_id` text,
	`client_id` text,
	`ip_address` text,
	`details` text,
	`ts` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `automation_audit_ts_idx` ON `automation_audit_log` (`ts`);--> statement-breakpoint
CREATE TABLE `automation_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'disconnected' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`settings` text NOT NULL,
	`last_connected_at` integer,
	`last_disconnected_at` integer,
	`connection_attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_clients_name_unique` ON `automation_clients` (`name`);--> statement-breakpoint
CREATE TABLE `automation_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`port` integer DEFAULT 5299 NOT NULL,
	`allow_remote` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `automation_usage_daily` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`day` text NOT NULL,
	`api_calls` integer DEFAULT 0 NOT NULL,
	`orders_sent` integer DEFAULT 0 NOT NULL,
	`failed_requests` integer DEFAULT 0 NOT NULL,
	`events_delivered` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `automation_clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_usage_daily_client_day_idx` ON `automation_usage_daily` (`client_id`,`day`);--> statement-breakpoint
CREATE TABLE `automation_usage_monthly` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`period` text NOT NULL,
	`api_calls` integer DEFAULT 0 NOT NULL,
	`orders_sent` integer DEFAULT 0 NOT NULL,
	`failed_requests` integer DEFAULT 0 NOT NULL,
	`events_delivered` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `automation_clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_usage_monthly_client_period_idx` ON `automation_usage_monthly` (`client_id`,`period`);--> statement-breakpoint
CREATE TABLE `automation_webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_ms` integer NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `automation_webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_deliveries_webhook_event_idx` ON `automation_webhook_deliveries` (`webhook_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `automation_deliveries_due_idx` ON `automation_webhook_deliveries` (`status`,`next_attempt_ms`);--> statement-breakpoint
CREATE TABLE `automation_webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`total_sent` integer DEFAULT 0 NOT NULL,
	`total_failed` integer DEFAULT 0 NOT NULL,
	`last_sent_at` integer,
	`last_failed_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `automation_clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `automation_webhooks_client_idx` ON `automation_webhooks` (`client_id`);