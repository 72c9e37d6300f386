ALTER TABLE `transactions` RENAME TO `ledger_entries`;--> statement-breakpoint
DROP INDEX `transactions_session_seq_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_session_seq_idx` ON `ledger_entries` (`session_id`,`seq`);
