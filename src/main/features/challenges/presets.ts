import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChallengeTemplate } from '../../../core/challenges/rulebook';
import { validateTemplate } from '../../../core/challenges/validate-rulebook';

/**
 * The preset rulebooks shipped in resources/challenges, one JSON file each, named by the id.
 * They are ours and checked by the unit tests, so a broken one is a build bug: it throws, naming
 * the file and the field.
 */
export function loadPresets(appRoot: string): ChallengeTemplate[] {
  const folder = join(appRoot, 'resources', 'challenges');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const result = validateTemplate(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    if (!result.ok) {
      const first = result.errors[0];
      throw new Error(`Preset ${file} is invalid: ${first?.path} ${first?.message}`);
    }
    return result.value;
  });
}
