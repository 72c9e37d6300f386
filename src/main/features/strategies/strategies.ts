import type { StrategyGraph } from '../../../core/strategy/graph';
import type { MethodParsedInput } from '../../../shared/contract';
import type { StrategyDetailDto, StrategyDto, StrategyVersionDto } from '../../../shared/contract/strategies';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { StrategiesDeps } from './deps';
import {
  insertStrategy,
  insertVersion,
  latestVersionRow,
  listStrategyRows,
  type StrategyRow,
  setStrategyStatus,
  slugTaken,
  strategyRow,
  type VersionRow,
  versionRows,
} from './store';

/** `My RSI idea!` -> `my-rsi-idea`; never empty. */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
  return slug || 'strategy';
}

export function versionDto(row: VersionRow): StrategyVersionDto {
  return {
    id: row.id,
    strategyId: row.strategyId,
    number: row.number,
    graph: row.graphJson,
    notes: row.notes,
    authorId: row.authorId,
    createdAt: row.createdAt,
  };
}

/** Strategies and their immutable versions. */
export class StrategyService {
  constructor(private readonly deps: StrategiesDeps) {}

  private dto(row: StrategyRow, latest: VersionRow): StrategyDto {
    return {
      id: row.id,
      title: row.title,
      slug: row.slug,
      status: row.status,
      visibility: row.visibility,
      tags: row.tagsJson,
      latestVersion: latest.number,
      latestVersionId: latest.id,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  list(includeArchived: boolean): StrategyDto[] {
    return listStrategyRows(this.deps.store, this.deps.userId)
      .filter((r) => includeArchived || r.status !== 'archived')
      .map((r) => this.dto(r, latestVersionRow(this.deps.store, r.id)));
  }

  create(input: MethodParsedInput<'strategies:create'>): StrategyDetailDto {
    const { store, userId, clock, newId } = this.deps;
    let slug = input.slug;
    if (slug !== undefined) {
      if (slugTaken(store, userId, slug)) {
        throw new AppError(ErrorCode.CONFLICT, `You already have a strategy with the slug "${slug}"`, {
          field: 'slug',
        });
      }
    } else {
      const base = slugify(input.title);
      slug = base;
      for (let n = 2; slugTaken(store, userId, slug); n++) slug = `${base}-${n}`;
    }
    const now = clock.nowSeconds();
    const row: StrategyRow = {
      id: newId(),
      userId,
      title: input.title,
      slug,
      status: 'draft',
      visibility: input.visibility,
      tagsJson: [...new Set(input.tags)],
      createdAt: now,
      updatedAt: now,
    };
    const version: VersionRow = {
      id: newId(),
      strategyId: row.id,
      number: 1,
      graphJson: input.graph as StrategyGraph,
      notes: input.notes,
      authorId: userId,
      createdAt: now,
    };
    insertStrategy(store, row, version);
    return { ...this.dto(row, version), version: versionDto(version) };
  }

  saveVersion(input: MethodParsedInput<'strategies:save-version'>): StrategyVersionDto {
    const { store, userId, clock, newId } = this.deps;
    const strategy = strategyRow(store, userId, input.strategyId);
    if (strategy.status === 'archived') {
      throw new AppError(
        ErrorCode.CONFLICT,
        `Strategy "${strategy.title}" is archived: its versions can be run, not added to`,
      );
    }
    const now = clock.nowSeconds();
    const row = insertVersion(
      store,
      {
        id: newId(),
        strategyId: strategy.id,
        graphJson: input.graph as StrategyGraph,
        notes: input.notes,
        authorId: userId,
        createdAt: now,
      },
      now,
    );
    return versionDto(row);
  }

  get(strategyId: string): StrategyDetailDto {
    const row = strategyRow(this.deps.store, this.deps.userId, strategyId);
    const latest = latestVersionRow(this.deps.store, row.id);
    return { ...this.dto(row, latest), version: versionDto(latest) };
  }

  listVersions(strategyId: string): StrategyVersionDto[] {
    const row = strategyRow(this.deps.store, this.deps.userId, strategyId);
    return versionRows(this.deps.store, row.id).map(versionDto);
  }

  archive(strategyId: string): StrategyDto {
    const row = strategyRow(this.deps.store, this.deps.userId, strategyId);
    setStrategyStatus(this.deps.store, row.id, 'archived', this.deps.clock.nowSeconds());
    return this.list(true).find((s) => s.id === row.id)!;
  }
}
