// The Content-Security-Policy at work in real Chromium, with the header main sets (window-options.ts)
// and the page's own <meta>: what an injected script, eval, a remote image or a frame would do.
// Code that runs in the page is passed as text, as in the other specs (no DOM types on this side).
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/browser/app';
import { PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';

const REMOTE = 'https://example.com';

interface Violation {
  directive: string;
  blocked: string;
}

/** Page code: records every securitypolicyviolation event from then on in window.__violations. */
const WATCH_VIOLATIONS = `(() => {
  const seen = [];
  Object.defineProperty(window, '__violations', { value: seen });
  document.addEventListener('securitypolicyviolation', (e) =>
    seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
  );
})()`;

async function watchViolations(page: Page): Promise<void> {
  await page.evaluate(WATCH_VIOLATIONS);
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate('window.__violations.slice()');
}

/** Page code: appends markup to the body the way injected HTML arrives, through innerHTML. */
function inject(page: Page, html: string): Promise<void> {
  return page.evaluate(`(() => {
    const div = document.createElement('div');
    div.innerHTML = ${JSON.stringify(html)};
    document.body.append(div);
  })()`);
}

interface Traffic {
  /** Requests that reached the network layer (page.route sees them; remote ones are aborted there). */
  reached: string[];
  /** Requests Chromium stopped in the page because of the policy (DevTools still lists them). */
  blockedByCsp: string[];
}

/** Watches the page's requests from now on. */
async function watchTraffic(page: Page): Promise<Traffic> {
  const traffic: Traffic = { reached: [], blockedByCsp: [] };
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'csp') traffic.blockedByCsp.push(r.url());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    traffic.reached.push(url);
    return url.startsWith(REMOTE) ? route.abort() : route.continue();
  });
  return traffic;
}

test.describe('content security policy', () => {
  test.use({ harness: { vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } } });

  test('the app itself loads and unlocks without a single violation', async ({ page, app }) => {
    void app;
    // Listen from the first script on, then load the app again under that listener.
    await page.addInitScript(WATCH_VIOLATIONS);
    await page.reload();
    await unlock(page);
    await expect(page.locator('.row-main').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test('the policy allows no inline style: a style attribute and a <style> element are refused', async ({
    page,
    app,
  }) => {
    void app;
    await watchViolations(page);
    await inject(
      page,
      '<p id="attr" style="color: rgb(255, 0, 0)">x</p><style>#elem { color: rgb(255, 0, 0); }</style><p id="elem">y</p>',
    );
    await expect
      .poll(() => violations(page))
      .toEqual(
        expect.arrayContaining([
          { directive: 'style-src-attr', blocked: 'inline' },
          { directive: 'style-src-elem', blocked: 'inline' },
        ]),
      );
    const colors = await page.evaluate(`[getComputedStyle(document.getElementById('attr')).color,
      getComputedStyle(document.getElementById('elem')).color]`);
    expect(colors).not.toContain('rgb(255, 0, 0)');
    // What React's style={{}} does (the list's row offsets, the avatars' hue) goes through the CSSOM,
    // which the policy leaves alone.
    const viaCssom = await page.evaluate(`(() => {
      const el = document.getElementById('attr');
      el.style.setProperty('color', 'rgb(0, 128, 0)');
      el.style.setProperty('--hue', '120');
      return [getComputedStyle(el).color, el.style.getPropertyValue('--hue')];
    })()`);
    expect(viaCssom).toEqual(['rgb(0, 128, 0)', '120']);
  });

  test('an injected inline script and an inline event handler do not run', async ({
    page,
    app,
  }) => {
    void app;
    await watchViolations(page);
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true;';
      document.body.append(script);
    })()`);
    // The way markup from an XSS usually arrives: an event handler attribute.
    await inject(page, '<img src="/missing.png" onerror="window.__handler = true">');
    await expect
      .poll(() => violations(page))
      .toEqual(
        expect.arrayContaining([
          { directive: 'script-src-elem', blocked: 'inline' },
          { directive: 'script-src-attr', blocked: 'inline' },
        ]),
      );
    expect(await page.evaluate("'__inline' in window || '__handler' in window")).toBe(false);
  });

  test('eval, new Function and code strings for timers are refused', async ({ page, app }) => {
    void app;
    await watchViolations(page);
    // Code DevTools evaluates is exempt from the policy, so the attempts run in a task of the page.
    const outcome = await page.evaluate(`new Promise((resolve) =>
      setTimeout(() => {
        const attempt = (f) => {
          try {
            f();
            return 'ran';
          } catch (error) {
            return error.name;
          }
        };
        resolve({
          eval: attempt(() => (0, eval)('1 + 1')),
          fn: attempt(() => new Function('return 1')()),
          // A string given to setTimeout is eval too: it is dropped without an exception.
          timer: attempt(() => setTimeout('window.__timer = true', 0)),
        });
      }),
    )`);
    expect(outcome).toEqual({ eval: 'EvalError', fn: 'EvalError', timer: 'ran' });
    await page.waitForTimeout(200);
    expect(await page.evaluate("'__timer' in window")).toBe(false);
    const seen = await violations(page);
    expect(seen.filter((v) => v.blocked === 'eval').length).toBeGreaterThanOrEqual(3);
    expect(seen.every((v) => v.directive === 'script-src')).toBe(true);
  });

  test('a remote image is not requested at all', async ({ page, app }) => {
    void app;
    const traffic = await watchTraffic(page);
    await watchViolations(page);
    const loaded = await page.evaluate(`new Promise((resolve) => {
      const img = document.createElement('img');
      img.onload = () => resolve(img.naturalWidth > 0);
      img.onerror = () => resolve(false);
      img.src = ${JSON.stringify(`${REMOTE}/x.png`)};
      document.body.append(img);
    })`);
    expect(loaded).toBe(false);
    await expect
      .poll(() => violations(page))
      .toContainEqual({ directive: 'img-src', blocked: `${REMOTE}/x.png` });
    expect(traffic.reached).toEqual([]);
    expect(traffic.blockedByCsp).toEqual([`${REMOTE}/x.png`]);
  });

  test('injected frames and objects are blocked, even a frame of our own page', async ({
    page,
    app,
    rendererUrl,
  }) => {
    void app;
    const traffic = await watchTraffic(page);
    await watchViolations(page);
    const objectViolations = async () =>
      (await violations(page)).filter((v) => v.directive === 'object-src' && v.blocked === REMOTE)
        .length;
    await inject(page, `<iframe src="${REMOTE}/"></iframe>`);
    await inject(page, `<iframe src="${rendererUrl}"></iframe>`);
    await expect
      .poll(() => violations(page))
      .toEqual(
        expect.arrayContaining([
          // Reports name only the origin of a cross-origin address.
          { directive: 'frame-src', blocked: REMOTE },
          { directive: 'frame-src', blocked: rendererUrl },
        ]),
      );
    await inject(page, `<object data="${REMOTE}/x.pdf" type="application/pdf"></object>`);
    await expect.poll(objectViolations).toBeGreaterThan(0);
    const afterObject = await objectViolations();
    await inject(page, `<embed src="${REMOTE}/x.swf">`);
    await expect.poll(objectViolations).toBeGreaterThan(afterObject);
    // No frame shows our page a second time, and nothing was fetched for any of them.
    const framed = page.frames().filter((f) => f !== page.mainFrame() && f.url() === rendererUrl);
    expect(framed).toEqual([]);
    expect(traffic.reached).toEqual([]);
  });
});
