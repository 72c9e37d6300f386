export const NODE_BUILD_INPUTS: string[];
export const FULL_BUILD_INPUTS: string[];
export const NODE_STAMP: string;
export const FULL_STAMP: string;
export interface BuildStamp {
  startedAtMs: number;
}
export interface BuildInput {
  path: string;
  mtimeMs: number;
}
export function staleReason(stamp: BuildStamp | undefined, inputs: BuildInput[]): string | undefined;
export function listInputs(root: string, paths: string[]): BuildInput[];
export function readStamp(file: string): BuildStamp | undefined;
export function writeStamp(file: string, startedAtMs: number): void;
export function buildStaleReason(root: string, stampFile: string, inputs: string[]): string | undefined;
