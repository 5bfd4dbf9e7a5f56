import { expect } from 'chai';
import { ATTRIBUTION_MAX_AGE_MS, recordTouch, type AttributionRecord } from '../../src/attribution/attribution-record.js';
import {
  ATTRIBUTION_STORAGE_KEY,
  forgetAttribution,
  loadAttribution,
  saveAttribution,
  type AttributionStorages,
} from '../../src/attribution/attribution-store.js';
import { ATTRIBUTION_VALUE_MAX_LENGTH, cleanAttributionValue } from '../../src/attribution/attribution-value.js';
import { clearAttribution, recordPageView } from '../../src/attribution/capture-attribution.js';
import { CONSENT_EVENT, consentGiven, onConsentChange } from '../../src/attribution/consent.js';
import { readPageSettings } from '../../src/attribution/page-settings.js';
import { hasSignal, pageAddress, readTouch, sameSignal, type Touch } from '../../src/attribution/touch.js';
import { createMemoryStorage, type StorageLike } from '../../src/shared/storage.js';

const NOW = 1_700_000_000_000;
const SITE = 'https://shop.example';

describe('cleanAttributionValue', () => {
  const long = 'x'.repeat(ATTRIBUTION_VALUE_MAX_LENGTH + 50);
  const cases: [string, string, string][] = [
    ['plain text stays', 'spring-sale', 'spring-sale'],
    ['trims', '  newsletter \t', 'newsletter'],
    ['markup is kept as inert text', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['control characters go', 'a\u0000b\nc\r\u001bd\u0085e', 'abcde'],
    ['bidi overrides go', 'evil\u202egro.live\u2066', 'evilgro.live'],
    ['over-long values are cut to the limit', long, 'x'.repeat(ATTRIBUTION_VALUE_MAX_LENGTH)],
    ['a cut never splits an emoji', `${'x'.repeat(ATTRIBUTION_VALUE_MAX_LENGTH - 1)}😀`, 'x'.repeat(ATTRIBUTION_VALUE_MAX_LENGTH - 1)],
    ['letters of every script stay', 'Ærø – 春のセール', 'Ærø – 春のセール'],
  ];
  for (const [what, input, expected] of cases) {
    it(what, () => expect(cleanAttributionValue(input)).to.equal(expected));
  }
});

describe('pageAddress', () => {
  const cases: [string, string | undefined][] = [
    [`${SITE}/blog/post?utm_source=x&email=ada@example.com#top`, `${SITE}/blog/post`],
    ['http://localhost:8000/', 'http://localhost:8000/'],
    ['', undefined],
    ['not a url', undefined],
    ['javascript:alert(1)', undefined],
    ['about:blank', undefined],
  ];
  for (const [url, expected] of cases) {
    it(`${JSON.stringify(url)} -> ${String(expected)}`, () => expect(pageAddress(url)).to.equal(expected));
  }
});

describe('readTouch', () => {
  const cases: { what: string; url: string; referrer?: string; param?: string; touch: Touch }[] = [
    {
      what: 'every campaign parameter and click id, in a fixed order',
      url:
        `${SITE}/?li_fat_id=l&msclkid=m&fbclid=f&wbraid=w&gbraid=g&gclid=abc&utm_content=c&utm_term=t` +
        '&utm_campaign=spring&utm_medium=email&utm_source=newsletter&other=ignored',
      touch: {
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring',
        utm_term: 't',
        utm_content: 'c',
        gclid: 'abc',
        gbraid: 'g',
        wbraid: 'w',
        fbclid: 'f',
        msclkid: 'm',
        li_fat_id: 'l',
        landing_page: `${SITE}/`,
      },
    },
    { what: 'the default referral parameter is ref', url: `${SITE}/p?ref=ACME-7`, touch: { ref: 'ACME-7', landing_page: `${SITE}/p` } },
    {
      what: 'a site-named referral parameter instead of ref',
      url: `${SITE}/p?ref=nope&partner=acme`,
      param: 'partner',
      touch: { partner: 'acme', landing_page: `${SITE}/p` },
    },
    {
      what: 'an external referrer, without its query',
      url: `${SITE}/`,
      referrer: 'https://www.google.com/search?q=private',
      touch: { referrer: 'https://www.google.com/search', landing_page: `${SITE}/` },
    },
    { what: 'an internal referrer is not kept', url: `${SITE}/b`, referrer: `${SITE}/a`, touch: { landing_page: `${SITE}/b` } },
    { what: 'a non-http referrer is not kept', url: `${SITE}/b`, referrer: 'android-app://x', touch: { landing_page: `${SITE}/b` } },
    {
      what: 'empty and blank parameters are absent; values are decoded and cleaned',
      url: `${SITE}/?utm_source=&utm_medium=%20%20&utm_campaign=spring+sale%0A%3Cb%3E`,
      touch: { utm_campaign: 'spring sale<b>', landing_page: `${SITE}/` },
    },
    {
      what: 'the first of repeated parameters',
      url: `${SITE}/?utm_source=a&utm_source=b`,
      touch: { utm_source: 'a', landing_page: `${SITE}/` },
    },
    {
      what: 'over-long values are cut',
      url: `${SITE}/?utm_campaign=${'y'.repeat(500)}`,
      touch: { utm_campaign: 'y'.repeat(ATTRIBUTION_VALUE_MAX_LENGTH), landing_page: `${SITE}/` },
    },
  ];
  for (const { what, url, referrer = '', param, touch } of cases) {
    it(what, () => {
      const read = readTouch(url, referrer, param);
      expect(read).to.deep.equal(touch);
      expect(Object.keys(read)).to.deep.equal(Object.keys(touch));
    });
  }

  it('tells a signal from a mere page view, and the same signal on another page', () => {
    const campaign = readTouch(`${SITE}/a?utm_source=x`, '');
    expect(hasSignal(campaign)).to.equal(true);
    expect(hasSignal(readTouch(`${SITE}/a`, `${SITE}/`))).to.equal(false);
    expect(sameSignal(campaign, readTouch(`${SITE}/b?utm_source=x`, ''))).to.equal(true);
    expect(sameSignal(campaign, readTouch(`${SITE}/a?utm_source=y`, ''))).to.equal(false);
  });
});

describe('recordTouch', () => {
  const direct = { landing_page: `${SITE}/` };
  const newsletter = { utm_source: 'newsletter', utm_campaign: 'spring', landing_page: `${SITE}/` };
  const partner = { ref: 'acme', landing_page: `${SITE}/pricing` };
  const google = { referrer: 'https://www.google.com/', landing_page: `${SITE}/blog` };
  const record = (first: Touch, last: Touch, expires = NOW + 1000): AttributionRecord => ({ first, last, expires });
  const fresh = NOW + ATTRIBUTION_MAX_AGE_MS;

  const cases: { what: string; before: AttributionRecord | undefined; touch: Touch; after: AttributionRecord | undefined }[] = [
    { what: 'the first view starts a record, even a direct one', before: undefined, touch: direct, after: record(direct, direct, fresh) },
    { what: 'a campaign view starts a record', before: undefined, touch: newsletter, after: record(newsletter, newsletter, fresh) },
    { what: 'a later direct or internal view changes nothing', before: record(newsletter, newsletter), touch: direct, after: undefined },
    {
      what: 'the same campaign again (a reload, another page of it) changes nothing',
      before: record(newsletter, newsletter),
      touch: { ...newsletter, landing_page: `${SITE}/other` },
      after: undefined,
    },
    {
      what: 'a new campaign updates the last touch and keeps the first',
      before: record(newsletter, newsletter),
      touch: partner,
      after: record(newsletter, partner, fresh),
    },
    { what: 'a third source replaces the last touch only', before: record(newsletter, partner), touch: google, after: record(newsletter, google, fresh) },
    {
      what: 'returning to the first campaign makes it the last touch too',
      before: record(newsletter, partner),
      touch: newsletter,
      after: record(newsletter, newsletter, fresh),
    },
    { what: 'the first campaign after a direct landing becomes the first touch', before: record(direct, direct), touch: partner, after: record(partner, partner, fresh) },
    { what: 'an expired record starts over', before: record(newsletter, partner, NOW), touch: google, after: record(google, google, fresh) },
  ];
  for (const { what, before, touch, after } of cases) {
    it(what, () => expect(recordTouch(before, touch, NOW)).to.deep.equal(after));
  }
});

/** A storage whose every call throws, like a sandboxed iframe's or a full one. */
function brokenStorage(): StorageLike {
  const fail = (): never => {
    throw new DOMException('denied', 'SecurityError');
  };
  return { getItem: fail, setItem: fail, removeItem: fail };
}

describe('the attribution store', () => {
  let storages: { session: StorageLike; local: StorageLike };
  const a = { utm_source: 'a', landing_page: `${SITE}/` };
  const b = { utm_source: 'b', landing_page: `${SITE}/b` };
  const record = (first: Touch, last: Touch): AttributionRecord => ({ first, last, expires: NOW + 1000 });
  const stored = (storage: StorageLike): unknown => JSON.parse(storage.getItem(ATTRIBUTION_STORAGE_KEY) ?? 'null');

  beforeEach(() => {
    storages = { session: createMemoryStorage(), local: createMemoryStorage() };
  });

  it('keeps a session record in sessionStorage only', () => {
    saveAttribution(storages, 'session', record(a, b));
    expect(stored(storages.session)).to.deep.equal(record(a, b));
    expect(stored(storages.local)).to.equal(null);
    expect(loadAttribution(storages, 'session', NOW)).to.deep.equal(record(a, b));
  });

  it('keeps a persisted record in localStorage and moves the session one there', () => {
    saveAttribution(storages, 'session', record(a, a));
    saveAttribution(storages, 'persist', record(a, b));
    expect(stored(storages.local)).to.deep.equal(record(a, b));
    expect(stored(storages.session)).to.equal(null);
  });

  it('in persist mode, replays touches a page without the setting kept in the session', () => {
    saveAttribution(storages, 'persist', record(a, a));
    saveAttribution(storages, 'session', record(b, b));
    const loaded = loadAttribution(storages, 'persist', NOW);
    expect(loaded?.first).to.deep.equal(a);
    expect(loaded?.last).to.deep.equal(b);
    expect(loadAttribution(storages, 'session', NOW)).to.deep.equal(record(b, b));
  });

  it('drops expired and unreadable records', () => {
    for (const raw of [JSON.stringify({ ...record(a, a), expires: NOW }), '{oops', '{"first":1}', 'null']) {
      storages.session.setItem(ATTRIBUTION_STORAGE_KEY, raw);
      expect(loadAttribution(storages, 'session', NOW), raw).to.equal(undefined);
      expect(storages.session.getItem(ATTRIBUTION_STORAGE_KEY), raw).to.equal(null);
    }
  });

  it('tolerates storage that throws or is missing', () => {
    for (const broken of [{ session: brokenStorage(), local: brokenStorage() }, { session: undefined, local: undefined }] satisfies AttributionStorages[]) {
      expect(() => saveAttribution(broken, 'session', record(a, a))).not.to.throw();
      expect(() => saveAttribution(broken, 'persist', record(a, a))).not.to.throw();
      expect(loadAttribution(broken, 'persist', NOW)).to.equal(undefined);
      expect(() => forgetAttribution(broken)).not.to.throw();
    }
  });

  it('forgets both storages', () => {
    saveAttribution(storages, 'session', record(a, a));
    storages.local.setItem(ATTRIBUTION_STORAGE_KEY, JSON.stringify(record(b, b)));
    forgetAttribution(storages);
    expect([stored(storages.session), stored(storages.local)]).to.deep.equal([null, null]);
  });
});

describe('captureAttribution on this page', () => {
  const original = location.href;
  const visit = (search: string, path = '/landing'): void => history.replaceState(null, '', `${path}${search}`);
  const here = (path: string): string => `${location.origin}${path}`;

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    delete (window as { keenConsent?: unknown }).keenConsent;
  });
  afterEach(() => {
    history.replaceState(null, '', original);
    sessionStorage.clear();
    localStorage.clear();
    delete (window as { keenConsent?: unknown }).keenConsent;
  });

  it('keeps the first touch across pages and updates the last touch on a new campaign', () => {
    visit('?utm_source=newsletter&utm_campaign=spring&gclid=abc');
    recordPageView({});
    visit('', '/pricing');
    recordPageView({});
    visit('?utm_source=partner&ref=acme', '/partners');
    const record = recordPageView({});
    expect(record?.first).to.deep.equal({ utm_source: 'newsletter', utm_campaign: 'spring', gclid: 'abc', landing_page: here('/landing') });
    expect(record?.last).to.deep.equal({ utm_source: 'partner', ref: 'acme', landing_page: here('/partners') });
    expect(sessionStorage.getItem(ATTRIBUTION_STORAGE_KEY)).to.contain('newsletter');
    expect(localStorage.getItem(ATTRIBUTION_STORAGE_KEY)).to.equal(null);
  });

  it('persists in localStorage, with its expiry, only when asked', () => {
    visit('?utm_source=newsletter');
    const before = Date.now();
    recordPageView({ attribution: 'persist' });
    const kept = JSON.parse(localStorage.getItem(ATTRIBUTION_STORAGE_KEY) ?? 'null') as AttributionRecord;
    expect(kept.first['utm_source']).to.equal('newsletter');
    expect(kept.expires).to.be.within(before + ATTRIBUTION_MAX_AGE_MS, Date.now() + ATTRIBUTION_MAX_AGE_MS);
    expect(sessionStorage.getItem(ATTRIBUTION_STORAGE_KEY)).to.equal(null);
  });

  it('reads the site-named referral parameter', () => {
    visit('?partner=acme&ref=other');
    expect(recordPageView({ referralParam: 'partner' })?.first).to.deep.equal({ partner: 'acme', landing_page: here('/landing') });
  });

  it('captures and keeps nothing when off', () => {
    visit('?utm_source=newsletter');
    expect(recordPageView({ attribution: 'off' })).to.equal(undefined);
    expect([sessionStorage.length, localStorage.length]).to.deep.equal([0, 0]);
  });

  it('captures and keeps nothing before consent when consent is required, then captures on the signal', () => {
    visit('?utm_source=newsletter');
    expect(recordPageView({ attributionConsent: 'required' })).to.equal(undefined);
    expect(recordPageView({ attributionConsent: 'required', attribution: 'persist' })).to.equal(undefined);
    expect([sessionStorage.length, localStorage.length]).to.deep.equal([0, 0]);

    const heard: boolean[] = [];
    const stop = onConsentChange((granted) => {
      heard.push(granted);
      if (granted) recordPageView({ attributionConsent: 'required' });
      else clearAttribution();
    });
    try {
      document.dispatchEvent(new Event(CONSENT_EVENT, { bubbles: true }));
      expect(consentGiven()).to.equal(true);
      expect(sessionStorage.getItem(ATTRIBUTION_STORAGE_KEY)).to.contain('newsletter');

      window.dispatchEvent(new CustomEvent(CONSENT_EVENT, { detail: false }));
      expect(consentGiven()).to.equal(false);
      expect(sessionStorage.getItem(ATTRIBUTION_STORAGE_KEY)).to.equal(null);
      expect(heard).to.deep.equal([true, false]);
    } finally {
      stop();
    }
    window.dispatchEvent(new Event(CONSENT_EVENT));
    expect(heard, 'no longer listening').to.have.length(2);
  });

  it('takes the window flag set before the script ran as consent', () => {
    visit('?utm_source=newsletter');
    (window as { keenConsent?: unknown }).keenConsent = true;
    expect(recordPageView({ attributionConsent: 'required' })?.first['utm_source']).to.equal('newsletter');
    (window as { keenConsent?: unknown }).keenConsent = 'yes';
    expect(consentGiven(), 'only true counts').to.equal(false);
  });
});

describe('readPageSettings', () => {
  const page = (content: string | undefined): ParentNode => {
    const head = document.createElement('head');
    if (content !== undefined) head.innerHTML = `<meta name="keen-attribution" content="${content}">`;
    return head;
  };
  const cases: [string | undefined, Record<string, string> | undefined][] = [
    [undefined, undefined],
    ['', {}],
    [
      'attribution=persist attribution-consent=required referral-param=partner',
      { attribution: 'persist', attributionConsent: 'required', referralParam: 'partner' },
    ],
    ['attribution=off;  analytics=datalayer,source-template', { attribution: 'off', analytics: 'datalayer', sourceTemplate: '' }],
  ];
  for (const [content, settings] of cases) {
    it(`${JSON.stringify(content)}`, () => expect(readPageSettings(page(content))).to.deep.equal(settings));
  }
});
