import { useCallback, useEffect, useState } from 'react';
import type { PracticeDto } from '../../../../shared/contract/practice';
import { api, client } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/** The practice streak and its settings; refreshed after every replay step the app pushes. */
export function usePractice() {
  const [practice, setPractice] = useState<PracticeDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setPractice(await api['practice:get']({}));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void reload();
    let timer: ReturnType<typeof setTimeout> | null = null;
    // A burst of steps while playing asks once.
    const off = client.on('replay:tick', () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void reload();
      }, 1000);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [reload]);

  const save = async (input: {
    barsPerDay?: number;
    reminderTime?: string | null;
    emailReminders?: boolean;
  }) => {
    setError(null);
    try {
      // Local days and the reminder's time are the trader's own zone, as this machine knows it.
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      setPractice(await api['practice:save-settings']({ ...input, zone }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return { practice, error, save };
}

export type PracticeState = ReturnType<typeof usePractice>;
