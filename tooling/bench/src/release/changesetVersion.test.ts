// `.changeset/config.json` against the workspace: a dry run of `changeset version` (on a copy;
// the checkout is untouched) must give coherent versions for what is pending today.
import { beforeAll, describe, expect, it } from 'vitest';
import { workspacePackages } from '../size/workspace.js';
import { type DryRun, dryRunChangesetVersion, inGroup } from './changesetVersion.js';

const major = (v: string | undefined) => Number(v?.split('.')[0]);

describe('changesets: pnpm changeset version, dry run', () => {
  const packages = workspacePackages();
  let dry: DryRun;
  let linked: string[];
  let changed: string[];
  beforeAll(() => {
    dry = dryRunChangesetVersion();
    linked = dry.config.linked.find((group) => inGroup('@mindts/tensor', group)) ?? [];
    changed = [...dry.after].filter(([name, v]) => dry.before.get(name) !== v).map(([name]) => name);
  });

  it('ignores every private package (apps and tooling get no versions or changelogs)', () => {
    const privates = packages.filter((p) => p.private).map((p) => p.name);
    expect(privates.filter((name) => !dry.config.ignore.includes(name))).toEqual([]);
    expect(changed.filter((name) => privates.includes(name))).toEqual([]);
  });

  it('links the umbrella with the packages it re-exports, so `mindts@x` ships `@mindts/*@x`', () => {
    const umbrella = packages.find((p) => p.name === 'mindts');
    const deps = Object.keys((umbrella?.manifest.dependencies as Record<string, string>) ?? {});
    expect(deps.length).toBeGreaterThan(5);
    expect([...deps, 'mindts'].filter((name) => !inGroup(name, linked))).toEqual([]);
  });

  it('bumps every package a changeset names', () => {
    expect([...dry.requested.keys()].filter((name) => !changed.includes(name))).toEqual([]);
  });

  it('gives the linked packages it bumps one version, and no major nobody asked for', () => {
    const bumped = changed.filter((name) => inGroup(name, linked));
    expect(new Set(bumped.map((name) => dry.after.get(name))).size).toBeLessThanOrEqual(1);
    const askedMajor = [...dry.requested].some(([name, bump]) => bump === 'major' && inGroup(name, linked));
    if (!askedMajor) {
      const jumped = bumped.filter((name) => major(dry.after.get(name)) > major(dry.before.get(name)));
      expect(jumped.map((name) => `${name} ${dry.before.get(name)} → ${dry.after.get(name)}`)).toEqual([]);
    }
  });

  it('bumps no package a major version unless a changeset asks for it (peer dependents included)', () => {
    const askedMajor = new Set([...dry.requested].filter(([, bump]) => bump === 'major').map(([name]) => name));
    const jumped = changed.filter((name) => !askedMajor.has(name) && major(dry.after.get(name)) > major(dry.before.get(name)));
    expect(jumped.map((name) => `${name} ${dry.before.get(name)} → ${dry.after.get(name)}`)).toEqual([]);
  });
});

describe('inGroup', () => {
  it('matches changesets glob patterns with exclusions', () => {
    expect(inGroup('@mindts/ops', ['@mindts/*'])).toBe(true);
    expect(inGroup('mindts', ['@mindts/*'])).toBe(false);
    expect(inGroup('@mindts/plugin-example', ['@mindts/*', '!@mindts/plugin-example'])).toBe(false);
    expect(inGroup('@mindts/a.b', ['@mindts/a*'])).toBe(true);
    expect(inGroup('@mindts/axb', ['@mindts/a.b'])).toBe(false);
  });
});
