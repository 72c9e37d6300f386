DROP INDEX `transactions_session_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_session_seq_idx` ON `transactions` (`session_id`,`seq`);