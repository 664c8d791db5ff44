import type { SourceFile } from '../../model/types.js';
import { splitFlags, type DockerInstruction } from '../../parse/dockerfile.js';

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface DockerStage {
  from: DockerInstruction;
  /** The base image as written (`node:20-alpine`, `${BASE}`), variables resolved where the ARG has a default. */
  image: string;
  alias?: string;
  /** The base is an earlier stage of this file (or `scratch`), not a pulled image. */
  internal: boolean;
  instructions: DockerInstruction[];
}

/** Stages of a Dockerfile; ARGs declared before the first FROM resolve `${VAR}` in FROM lines. */
export function stagesOf(file: SourceFile): DockerStage[] {
  const stages: DockerStage[] = [];
  const globalArgs = new Map<string, string>();
  const aliases = new Set<string>();
  for (const ins of file.dockerfile ?? []) {
    if (ins.keyword === 'FROM') {
      const { words } = splitFlags(ins.args);
      const image = resolveArgs(words[0] ?? '', globalArgs);
      const asAt = words.findIndex((w) => w.toLowerCase() === 'as');
      const alias = asAt > 0 ? words[asAt + 1]?.toLowerCase() : undefined;
      const internal = image.toLowerCase() === 'scratch' || aliases.has(image.toLowerCase());
      if (alias) aliases.add(alias);
      stages.push({ from: ins, image, alias, internal, instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(ins.args.trim());
        if (m && m[2] !== undefined) globalArgs.set(m[1], unquote(m[2]));
      }
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return stages;
}

function resolveArgs(value: string, args: Map<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a?: string, b?: string) => args.get((a ?? b)!) ?? m);
}

export function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0]) ? t.slice(1, -1) : t;
}

/** Tag and digest of an image reference (`registry:5000/org/img:tag@sha256:…`). */
export function imageParts(image: string): { name: string; tag?: string; digest?: string } {
  const [ref, digest] = image.split('@');
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1), digest };
  return { name: ref, digest };
}
