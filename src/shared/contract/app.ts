import { z } from 'zod';
import type { AppInfoDto } from '../dto';
import { method } from './method';

export const appMethods = {
  'app:get-info': method<AppInfoDto>()(z.object({}).strict()),
};
