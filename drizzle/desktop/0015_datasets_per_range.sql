DROP INDEX `datasets_instrument_timeframe_idx`;--> statement-breakpoint
CREATE INDEX `datasets_instrument_timeframe_idx` ON `datasets` (`instrument_id`,`timeframe`,`start_ts`);