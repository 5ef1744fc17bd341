// syncRound between devices: what one device does shows on the others, concurrent edits merge by
// field, and the rules that keep secrets (two secrets kept, an edited account kept after a delete).
import { describe, expect, it } from 'vitest';
import { conflictCopyId } from '../../../electron/sync/engine/resolve';
import { account, changesOf, Device, DEVICES, view } from './engine-world';

const [A, B, C] = DEVICES;

/** Everyone receives everything until nobody has anything new to say. */
function settle(...devices: Device[]): void {
  for (let i = 0; i < 6; i++) {
    let quiet = true;
    for (const device of devices) {
      const result = device.round(changesOf(...devices.filter((d) => d !== device)));
      if (result.change) quiet = false;
    }
    if (quiet) return;
  }
  throw new Error('the devices did not settle in 6 rounds');
}

describe('syncRound', () => {
  it('carries an account added on one device to another, with its id and every field', () => {
    const a = new Device(A);
    const b = new Device(B);
    const added = account({
      note: 'root',
      pinned: true,
      awsSerial: 'arn:aws:iam::123456789012:mfa/root',
      tags: ['Work'],
    });
    a.edit((c) => {
      c.accounts.push(added);
      c.groups.push('Work', 'Unused');
    });
    const first = a.round();
    expect(first.change?.seq).toBe(1);
    expect(first.change?.device).toBe(A);
    const got = b.round(changesOf(a));
    expect(got.changed).toBe(true);
    expect(got.touched).toEqual({ [A]: 1 });
    expect(b.contents.groups).toEqual(['Work', 'Unused']);
    const { updatedAt: _u, ...rest } = b.contents.accounts[0]!;
    void _u;
    const { updatedAt: _v, ...want } = added;
    void _v;
    expect(rest).toEqual(want);
    expect(b.contents.accounts[0]!.updatedAt).toBe(a.contents.accounts[0]!.updatedAt);
    expect(view(a)).toBe(view(b));
  });

  it('makes no change and changes nothing when nothing happened', () => {
    const a = new Device(A);
    a.edit((c) => c.accounts.push(account()));
    a.round();
    const again = a.round();
    expect(again.change).toBeNull();
    expect(again.changed).toBe(false);
    expect(again.contents.accounts[0]).toBe(a.last!.contents.accounts[0]);
  });

  it('keeps edits of different fields made at the same time on two devices', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => c.accounts.push(account()));
    a.round();
    b.round(changesOf(a));
    a.edit((c) => (c.accounts[0]!.label = 'from a'));
    b.edit((c) => (c.accounts[0]!.note = 'from b'));
    a.round();
    b.round();
    settle(a, b);
    expect(a.contents.accounts[0]).toMatchObject({ label: 'from a', note: 'from b' });
    expect(view(a)).toBe(view(b));
  });

  it('gives concurrent edits of one field to the later stamp, and a causally later edit wins whatever the clock says', () => {
    const a = new Device(A);
    const b = new Device(B, Date.UTC(2026, 0, 2) + 10 * 60_000); // ten minutes ahead
    a.edit((c) => c.accounts.push(account()));
    a.round();
    b.round(changesOf(a));
    a.edit((c) => (c.accounts[0]!.issuer = 'a'));
    b.edit((c) => (c.accounts[0]!.issuer = 'b'));
    a.round();
    b.round();
    settle(a, b);
    expect(a.contents.accounts[0]!.issuer).toBe('b'); // b's clock is later
    // a, behind by ten minutes, edits after seeing b's edit: it wins.
    a.edit((c) => (c.accounts[0]!.issuer = 'a again'));
    a.round();
    settle(a, b);
    expect(b.contents.accounts[0]!.issuer).toBe('a again');
    expect(view(a)).toBe(view(b));
  });

  it('deletes an account on every device', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => c.accounts.push(account(), account()));
    a.round();
    b.round(changesOf(a));
    const gone = b.contents.accounts[0]!.id;
    b.edit((c) => c.accounts.shift());
    b.round();
    const result = a.round(changesOf(b));
    expect(result.touched).toEqual({ [B]: 1 });
    expect(a.contents.accounts.map((x) => x.id)).not.toContain(gone);
    expect(a.contents.accounts).toHaveLength(1);
  });

  it('keeps an account deleted on one device while edited on another, flagged kept-after-delete', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => c.accounts.push(account()));
    a.round();
    b.round(changesOf(a));
    a.edit((c) => c.accounts.pop());
    b.edit((c) => (c.accounts[0]!.note = 'still needed'));
    a.round();
    b.round();
    const result = a.round(changesOf(b));
    expect(result.flagged).toBe(1);
    expect(a.contents.accounts).toHaveLength(1);
    expect(a.contents.accounts[0]).toMatchObject({
      note: 'still needed',
      syncFlag: { kind: 'kept-after-delete', device: { id: A, name: 'Desktop' } },
    });
    settle(a, b);
    expect(view(a)).toBe(view(b));
    // The user looked at it: the flag goes away everywhere and stays away.
    b.edit((c) => delete c.accounts[0]!.syncFlag);
    settle(a, b);
    expect(a.contents.accounts[0]!.syncFlag).toBeUndefined();
  });

  it('deletes an account whose only concurrent change elsewhere was a move or a tag taken off', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => {
      c.accounts.push(account({ tags: ['Old'] }), account(), account());
      c.groups.push('Old');
    });
    a.round();
    b.round(changesOf(a));
    const gone = a.contents.accounts[0]!.id;
    a.edit((c) => c.accounts.shift());
    b.edit((c) => {
      c.groups = [];
      delete c.accounts[0]!.tags;
      c.accounts.reverse();
    });
    a.round();
    b.round();
    settle(a, b);
    expect(a.contents.accounts.map((x) => x.id)).not.toContain(gone);
    expect(a.contents.accounts.some((x) => x.syncFlag)).toBe(false);
    expect(view(a)).toBe(view(b));
  });

  it('keeps both secrets when two devices change the secret of one account at once: a second account, both flagged', () => {
    const a = new Device(A);
    const b = new Device(B);
    const c3 = new Device(C);
    a.edit((c) => c.accounts.push(account({ tags: ['Work'] }), account()));
    a.edit((c) => c.groups.push('Work'));
    a.round();
    b.round(changesOf(a));
    c3.round(changesOf(a));
    const id = a.contents.accounts[0]!.id;
    a.edit((c) => (c.accounts[0]!.secret = 'AAAAAAAAAAAAAAAA'));
    b.edit((c) => (c.accounts[0]!.secret = 'BBBBBBBBBBBBBBBB'));
    const fromA = a.round().change!;
    b.round();
    // Both merge the conflict and settle it at once, independently: they write the same settlement.
    const onA = a.round(changesOf(b));
    b.round(changesOf(a));
    expect(onA.flagged).toBe(2);
    expect(a.contents.accounts.map((x) => x.secret).sort()).toEqual(
      ['AAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBB', a.contents.accounts[2]!.secret].sort(),
    );
    expect(view(a)).toBe(view(b));
    const copyId = conflictCopyId(id, A, fromA.seq); // b's clock is later by the rounds it ran
    const original = a.contents.accounts.find((x) => x.id === id)!;
    const copy = a.contents.accounts.find((x) => x.id !== id && x.syncFlag)!;
    expect(original.secret).toBe('BBBBBBBBBBBBBBBB');
    expect(copy.id).toBe(copyId);
    expect(copy).toMatchObject({
      secret: 'AAAAAAAAAAAAAAAA',
      issuer: original.issuer,
      tags: ['Work'],
    });
    expect(original.syncFlag).toMatchObject({
      kind: 'secret-conflict',
      device: { id: B },
      other: copy.id,
    });
    expect(copy.syncFlag).toMatchObject({ kind: 'secret-conflict', device: { id: A }, other: id });
    // The copy sits right after the original.
    const ids = a.contents.accounts.map((x) => x.id);
    expect(ids.indexOf(copy.id)).toBe(ids.indexOf(id) + 1);
    settle(a, b, c3);
    expect(view(c3)).toBe(view(a));
    expect(c3.contents.accounts).toHaveLength(3);
  });

  it('keeps three secrets set at once on three devices as three accounts, in one place in the list', () => {
    const devices = [new Device(A), new Device(B), new Device(C)];
    const [a] = devices as [Device, Device, Device];
    a.edit((c) =>
      c.accounts.push(
        account({ issuer: 'first' }),
        account({ issuer: 'shared' }),
        account({ issuer: 'last' }),
      ),
    );
    a.round();
    for (const d of devices.slice(1)) d.round(changesOf(a));
    devices.forEach((d, i) => d.edit((c) => (c.accounts[1]!.secret = `${'ABC'[i]!.repeat(16)}`)));
    for (const d of devices) d.round();
    settle(...devices);
    const issuers = a.contents.accounts.map((x) => x.issuer);
    expect(issuers).toEqual(['first', 'shared', 'shared', 'shared', 'last']);
    expect(
      a.contents.accounts
        .slice(1, 4)
        .map((x) => x.secret)
        .sort(),
    ).toEqual(['AAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBB', 'CCCCCCCCCCCCCCCC']);
    expect(a.contents.accounts.filter((x) => x.syncFlag?.kind === 'secret-conflict')).toHaveLength(
      3,
    );
    for (const d of devices) expect(view(d)).toBe(view(a));
  });

  it('makes no second copy of a secret when two devices settle the same conflict from different knowledge', () => {
    const [x, y, z] = [new Device(A), new Device(B), new Device(C)];
    x.edit((c) => c.accounts.push(account({ issuer: 'shared' })));
    x.round();
    y.round(changesOf(x));
    z.round(changesOf(x));
    x.edit((c) => (c.accounts[0]!.secret = 'XXXXXXXXXXXXXXXX'));
    y.edit((c) => (c.accounts[0]!.secret = 'YYYYYYYYYYYYYYYY'));
    z.edit((c) => (c.accounts[0]!.secret = 'ZZZZZZZZZZZZZZZZ'));
    x.round();
    y.round();
    z.round();
    const xBefore = changesOf(x);
    x.round(changesOf(y)); // x settles its secret against y's
    x.round();
    y.round([...xBefore, ...changesOf(z)]); // y settles all three, not knowing x's settlement
    y.round();
    settle(x, y, z);
    const secrets = x.contents.accounts.map((a) => a.secret).sort();
    expect(secrets).toEqual(['XXXXXXXXXXXXXXXX', 'YYYYYYYYYYYYYYYY', 'ZZZZZZZZZZZZZZZZ']);
    for (const a of x.contents.accounts) {
      expect(a.syncFlag?.kind).toBe('secret-conflict');
      expect(x.contents.accounts.map((b) => b.id)).toContain(a.syncFlag?.other);
    }
    expect(view(y)).toBe(view(x));
    expect(view(z)).toBe(view(x));
  });

  it('takes the highest HOTP counter', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => c.accounts.push(account({ type: 'hotp', counter: 3 })));
    a.round();
    b.round(changesOf(a));
    a.edit((c) => (c.accounts[0]!.counter = 9));
    b.edit((c) => (c.accounts[0]!.counter = 5));
    a.round();
    b.round(changesOf(a));
    a.round(changesOf(b));
    expect(a.contents.accounts[0]!.counter).toBe(9);
    expect(b.contents.accounts[0]!.counter).toBe(9);
  });

  it('keeps tags added at once on two devices, and the tag list with its order and unused tags', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => {
      c.accounts.push(account());
      c.groups.push('Home', 'Work');
    });
    a.round();
    b.round(changesOf(a));
    a.edit((c) => {
      c.accounts[0]!.tags = ['Work'];
    });
    b.edit((c) => {
      c.accounts[0]!.tags = ['Home'];
      c.groups.push('Spare');
    });
    a.round();
    b.round();
    settle(a, b);
    expect(a.contents.accounts[0]!.tags).toEqual(['Home', 'Work']);
    expect(a.contents.groups).toEqual(['Home', 'Work', 'Spare']);
    b.edit((c) => (c.groups = ['Spare', 'Work', 'Home']));
    b.round();
    settle(a, b);
    expect(a.contents.groups).toEqual(['Spare', 'Work', 'Home']);
    expect(a.contents.accounts[0]!.tags).toEqual(['Work', 'Home']);
    expect(view(a)).toBe(view(b));
  });

  it('keeps two moves made at once of different accounts', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => c.accounts.push(...[1, 2, 3, 4, 5].map((n) => account({ issuer: `n${n}` }))));
    a.round();
    b.round(changesOf(a));
    const order = (d: Device) => d.contents.accounts.map((x) => x.issuer).join(' ');
    expect(order(b)).toBe('n1 n2 n3 n4 n5');
    a.edit((c) => c.accounts.push(c.accounts.shift()!)); // n1 to the end
    b.edit((c) => c.accounts.unshift(c.accounts.pop()!)); // n5 to the top
    const moved = a.round();
    expect(moved.change!.edits.filter((e) => e.field === 'position')).toHaveLength(1);
    b.round();
    settle(a, b);
    expect(order(a)).toBe('n5 n2 n3 n4 n1');
    expect(order(b)).toBe(order(a));
  });

  it('skips repeated and already merged changes and waits for a missing one', () => {
    const a = new Device(A);
    const b = new Device(B);
    a.edit((c) => c.accounts.push(account({ issuer: 'one' })));
    a.round();
    a.edit((c) => c.accounts.push(account({ issuer: 'two' })));
    a.round();
    a.edit((c) => (c.accounts[0]!.issuer = 'three'));
    a.round();
    const [one, two, three] = changesOf(a);
    const early = b.round([three!, one!, three!]);
    expect(early.waiting.map((change) => change.seq)).toEqual([3]);
    expect(b.contents.accounts.map((x) => x.issuer)).toEqual(['one']);
    const late = b.round([two!, three!, one!, two!]);
    expect(late.waiting).toEqual([]);
    expect(b.contents.accounts.map((x) => x.issuer)).toEqual(['three', 'two']);
    expect(b.state.vv[A]).toBe(3);
  });

  it('waits for a change until what its device had seen is merged', () => {
    const a = new Device(A);
    const b = new Device(B);
    const c3 = new Device(C);
    a.edit((c) => c.accounts.push(account()));
    a.round();
    b.round(changesOf(a));
    b.edit((c) => (c.accounts[0]!.label = 'after a'));
    b.round();
    const early = c3.round(changesOf(b));
    expect(early.waiting.map((change) => change.seq)).toEqual([1]); // b's edit waits for a's add
    expect(c3.contents.accounts).toHaveLength(0);
    c3.round(changesOf(a, b));
    expect(c3.contents.accounts[0]!.label).toBe('after a');
  });

  it('holds back a change that saw one never delivered here until its writer’s snapshot comes (a removed device’s)', () => {
    const x = new Device(A);
    const y = new Device(B);
    const removed = new Device(C);
    removed.edit((c) => c.accounts.push(account({ issuer: 'from the removed device' })));
    removed.round();
    y.round(changesOf(removed)); // y merged it before it saw the removal; x never will
    y.edit((c) => (c.accounts[0]!.note = 'y was here'));
    y.round();
    const held = x.round(changesOf(y));
    expect(held.waiting.map((change) => change.device)).toEqual([B]);
    expect(x.contents.accounts).toEqual([]);
    const freed = x.round([{ kind: 'snapshot', snapshot: y.snapshot() }, ...changesOf(y)]);
    expect(freed.waiting).toEqual([]);
    expect(view(x)).toBe(view(y));
  });

  it('merges a snapshot like the changes it holds, and skips the changes it covers', () => {
    const a = new Device(A);
    const b = new Device(B);
    const byJournal = new Device(C);
    const bySnapshot = new Device(C);
    a.edit((c) => c.accounts.push(account(), account()));
    a.round();
    b.round(changesOf(a));
    b.edit((c) => (c.accounts[1]!.note = 'b'));
    a.edit((c) => c.accounts.shift());
    a.round();
    b.round(changesOf(a));
    byJournal.round(changesOf(a, b));
    bySnapshot.round([{ kind: 'snapshot', snapshot: b.snapshot() }, ...changesOf(a, b)]);
    expect(view(bySnapshot)).toBe(view(byJournal));
    expect(bySnapshot.state.vv).toEqual(byJournal.state.vv);
  });

  it('takes a local account with a credential already in the sync as that account when joining', () => {
    const a = new Device(A);
    a.edit((c) => {
      c.accounts.push(account({ secret: 'SAMESECRETSAMESE', tags: ['Home'] }), account());
      c.groups.push('Work', 'Home');
    });
    a.round();
    const b = new Device(B);
    b.edit((c) => {
      c.accounts.push(
        account({ secret: 'SAMESECRETSAMESE', label: 'mine' }),
        account({ issuer: 'only b', tags: ['home', 'Mine'] }),
      );
      c.groups.push('home', 'Mine');
    });
    b.round([{ kind: 'snapshot', snapshot: a.snapshot() }], true);
    expect(b.contents.accounts).toHaveLength(3);
    expect(b.contents.accounts.filter((x) => x.secret === 'SAMESECRETSAMESE')).toHaveLength(1);
    // The accounts already in the sync first, then the ones only this vault had.
    expect(b.contents.accounts.map((x) => x.issuer).slice(0, 2)).toEqual(
      a.contents.accounts.map((x) => x.issuer),
    );
    expect(b.last!.change!.edits.filter((e) => e.field === 'position')).toHaveLength(1);
    // The same for the tag list; a tag both had is one tag, spelled as the sync spells it.
    expect(b.contents.groups).toEqual(['Work', 'Home', 'Mine']);
    expect(b.contents.accounts[2]!.tags).toEqual(['Home', 'Mine']);
    settle(a, b);
    expect(view(a)).toBe(view(b));
    expect(a.contents.accounts.map((x) => x.issuer)).toContain('only b');
  });

  it('carries pictures with the accounts that use them', () => {
    const a = new Device(A);
    const b = new Device(B);
    const hash = 'f'.repeat(64);
    a.edit((c) => {
      c.accounts.push(account({ icon: { kind: 'image', hash } }));
      c.icons[hash] = 'iVBORw0KGgo=';
    });
    a.round();
    b.round(changesOf(a));
    expect(b.contents.icons).toEqual({ [hash]: 'iVBORw0KGgo=' });
    expect(b.contents.accounts[0]!.icon).toEqual({ kind: 'image', hash });
  });
});
