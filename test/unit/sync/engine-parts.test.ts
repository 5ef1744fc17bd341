// The engine's parts on their own: stamps, the order of fractional positions, the join of two
// states, and what happens to input that is not of the expected form (a newer or broken writer).
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, tickHlc } from '../../../electron/sync/engine/hlc';
import { comparePositions, reposition } from '../../../electron/sync/engine/positions';
import { emptyState, syncRound } from '../../../electron/sync/engine/round';
import { applyChange, mergeStates, shallowState } from '../../../electron/sync/engine/state';
import { valueKey } from '../../../electron/sync/engine/fields';
import type { Change, SyncState } from '../../../electron/sync/types';
import { account, changesOf, Device, DEVICES } from './engine-world';

const [A, B, C] = DEVICES;

describe('hybrid logical clock stamps', () => {
  it('sort as text in time order and read back', () => {
    const early = formatHlc({ wall: 1_700_000_000_000, counter: 5, device: A });
    const late = formatHlc({ wall: 1_700_000_000_001, counter: 0, device: A });
    expect(compareHlc(early, late)).toBe(-1);
    expect(parseHlc(early)).toEqual({ wall: 1_700_000_000_000, counter: 5, device: A });
    expect(parseHlc('not a stamp')).toBeNull();
  });

  it('only grow for a device, also when its clock goes back or another device is ahead', () => {
    const first = tickHlc(null, 2_000, A);
    const back = tickHlc(first, 1_000, A); // the clock went back
    expect(back > first).toBe(true);
    const ahead = formatHlc({ wall: 9_000, counter: 3, device: B });
    const after = tickHlc(ahead, 1_500, A);
    expect(after > ahead).toBe(true);
    expect(parseHlc(after)).toEqual({ wall: 9_000, counter: 4, device: A });
    expect(parseHlc(tickHlc(after, 10_000, A))).toEqual({ wall: 10_000, counter: 0, device: A });
  });
});

describe('positions', () => {
  it('renumbers only the items that moved', () => {
    const keys = new Map([
      ['a', 'a0'],
      ['b', 'a1'],
      ['c', 'a2'],
      ['d', 'a3'],
    ]);
    const moves = reposition(['b', 'c', 'a', 'd'], (id) => keys.get(id));
    expect([...moves.keys()]).toEqual(['a']);
    const a = moves.get('a')!;
    expect(a > 'a2' && a < 'a3').toBe(true);
  });

  it('gives new items places between their neighbours, and separates equal positions', () => {
    const keys = new Map([
      ['x', 'a0'],
      ['y', 'a0'],
    ]);
    const moves = reposition(['new1', 'x', 'y', 'new2'], (id) => keys.get(id));
    const order = ['new1', 'x', 'y', 'new2'].map((id) => ({
      id,
      position: moves.get(id) ?? keys.get(id)!,
    }));
    const sorted = [...order].sort(comparePositions).map((item) => item.id);
    expect(sorted).toEqual(['new1', 'x', 'y', 'new2']);
    // One of the two equal positions stays, the other moves.
    expect([moves.has('x'), moves.has('y')].sort()).toEqual([false, true]);
  });

  it('places an item without a usable position as new', () => {
    const moves = reposition(['p', 'q'], (id) => (id === 'p' ? 'not a key!' : null));
    expect(moves.size).toBe(2);
    expect(moves.get('p')! < moves.get('q')!).toBe(true);
  });
});

/** A change of `device` setting the fields of record `r`. */
function change(
  device: string,
  seq: number,
  seen: Record<string, number>,
  wall: number,
  fields: Record<string, unknown>,
): Change {
  return {
    device,
    seq,
    hlc: formatHlc({ wall, counter: 0, device }),
    seen,
    edits: Object.entries(fields).map(([field, value]) => ({ record: 'r', field, value })),
  };
}

/** The state with each field's versions in dot order: a join is a set of versions. */
function canonical(state: SyncState): string {
  const records: Record<string, Record<string, { d: string; s: number }[]>> = {};
  for (const [id, record] of Object.entries(
    state.records as Record<string, Record<string, { d: string; s: number }[]>>,
  )) {
    records[id] = {};
    for (const [field, versions] of Object.entries(record)) {
      records[id][field] = [...versions].sort((x, y) => (x.d + x.s < y.d + y.s ? -1 : 1));
    }
  }
  return valueKey({ vv: state.vv, records });
}

function build(...changes: Change[]): SyncState {
  const state = shallowState(emptyState());
  for (const c of changes) applyChange(state, c);
  return state;
}

describe('the join of two states', () => {
  const add = change(A, 1, {}, 1, { issuer: 'x', note: 'n' });
  const onB = change(B, 1, { [A]: 1 }, 5, { issuer: 'from b' });
  const onC = change(C, 1, { [A]: 1 }, 4, { issuer: 'from c', note: null });
  const afterB = change(A, 2, { [A]: 1, [B]: 1 }, 6, { note: 'a saw b' });

  it('is the same in any order, and merging twice changes nothing', () => {
    const one = build(add, onB, afterB);
    const two = build(add, onC);
    const ab = shallowState(one);
    mergeStates(ab, two);
    const ba = shallowState(two);
    mergeStates(ba, one);
    expect(canonical(ab)).toBe(canonical(ba));
    const again = shallowState(ab);
    expect(mergeStates(again, two).size).toBe(0);
    expect(canonical(again)).toBe(canonical(ab));
    // The same as merging every change in causal order.
    expect(canonical(ab)).toBe(canonical(build(add, onB, onC, afterB)));
  });

  it('keeps concurrent versions side by side and drops what an edit had seen', () => {
    const state = build(add, onB, onC, afterB);
    const record = state.records.r as Record<string, { d: string }[]>;
    expect(record.issuer!.map((v) => v.d).sort()).toEqual([B, C]);
    expect(record.note!.map((v) => v.d).sort()).toEqual([A, C]); // a's second edit had not seen c's
  });

  it('takes the later of two edits of one field within a change', () => {
    const twice: Change = {
      ...change(A, 1, {}, 1, { issuer: 'first' }),
      edits: [
        { record: 'r', field: 'issuer', value: 'first' },
        { record: 'r', field: 'note', value: 'kept' },
        { record: 'r', field: 'issuer', value: 'second' },
      ],
    };
    const record = build(twice).records.r as Record<string, { v: unknown }[]>;
    expect(record.issuer!.map((v) => v.v)).toEqual(['second']);
    expect(record.note!.map((v) => v.v)).toEqual(['kept']);
  });

  it('does not bring back a version the other state superseded', () => {
    const old = build(add);
    const newer = build(add, onB);
    const state = shallowState(newer);
    mergeStates(state, old);
    expect((state.records.r as Record<string, unknown[]>).issuer).toHaveLength(1);
  });
});

describe('input not of the expected form', () => {
  it('skips what is not a change or a snapshot and leaves out values not of their field’s form', () => {
    const a = new Device(A);
    a.edit((c) => c.accounts.push(account({ issuer: 'kept' })));
    a.round();
    const id = a.contents.accounts[0]!.id;
    const b = new Device(B);
    const broken = [
      { kind: 'change', change: { device: C, seq: 'one', edits: [] } },
      { kind: 'snapshot', snapshot: { device: { id: C }, state: { v: 2, records: [] } } },
      {
        kind: 'change',
        change: {
          device: C,
          seq: 1,
          hlc: formatHlc({ wall: 9e12, counter: 0, device: C }),
          seen: { [A]: 1 },
          edits: [
            { record: id, field: 'issuer', value: 42 },
            { record: id, field: 'digits', value: 'many' },
            { record: id, field: 'icon', value: { kind: 'rocket' } },
            { record: id, field: 'somethingNew', value: { v: 2 } },
            { record: 'no-credential', field: 'issuer', value: 'half an account' },
          ],
        },
      },
    ] as never[];
    const result = b.round([...changesOf(a), ...broken]);
    expect(result.waiting).toEqual([]);
    expect(b.contents.accounts).toHaveLength(1);
    const got = b.contents.accounts[0]!;
    expect(got.issuer).toBe(''); // the newest issuer is not text: none
    expect(got.secret).toBe(a.contents.accounts[0]!.secret);
    expect(got.icon).toBeUndefined();
    expect(Object.keys(got)).not.toContain('somethingNew');
  });

  it('starts from an empty state and an unknown stamp', () => {
    const result = syncRound({
      state: emptyState(),
      device: A,
      hlc: null,
      wallMs: 5_000,
      local: { accounts: [], groups: [], icons: {} },
      incoming: [],
      names: {},
    });
    expect(result.change).toBeNull();
    expect(result.changed).toBe(false);
    expect(parseHlc(result.hlc)?.wall).toBe(5_000);
  });
});
