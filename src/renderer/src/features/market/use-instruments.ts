import { useEffect, useState } from 'react';
import type { InstrumentDto } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';

export function useInstruments(): InstrumentDto[] {
  const [instruments, setInstruments] = useState<InstrumentDto[]>([]);
  useEffect(() => {
    api['instruments:list']({}).then(setInstruments, () => setInstruments([]));
  }, []);
  return instruments;
}
