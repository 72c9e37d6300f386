export function loadBundle(file: string): unknown;
