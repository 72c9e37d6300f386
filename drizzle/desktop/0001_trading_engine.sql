ALTER TABLE `orders` ADD `trailing_pts` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `expiry_ts` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `oco_order_id` text;--> statement-breakpoint
ALTER TABLE `positions` ADD `pnl_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `exit_slippage` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `trailing_pts` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `margin` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `parent_position_id` text;--> statement-breakpoint
ALTER TABLE `positions` ADD `order_id` text;--> statement-breakpoint
ALTER TABLE `positions` ADD `comment` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `quote_rate` real;--> statement-breakpoint
ALTER TABLE `sessions` ADD `balance_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `risk_max_pct` real;--> statement-breakpoint
ALTER TABLE `sessions` ADD `risk_max_daily_loss_cents` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `risk_max_trades_per_day` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `risk_default_sl_pips` real;--> statement-breakpoint
ALTER TABLE `sessions` ADD `risk_default_tp_pips` real;--> statement-breakpoint
ALTER TABLE `sessions` ADD `day_index` integer DEFAULT -1 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `day_start_balance_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `trades_today` integer DEFAULT 0 NOT NULL;