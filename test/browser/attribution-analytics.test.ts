import { expect } from 'chai';
import type { LeadAttribution } from '../../src/attribution/attribution-mapping.js';
import { generateLeadEvent, pushToDataLayer, type LeadReport } from '../../src/attribution/generate-lead-event.js';
import {
  LEAD_REPORT_MAX_AGE_MS,
  LEAD_REPORT_MAX_ITEMS,
  LEAD_REPORTS_STORAGE_KEY,
  PendingLeadReports,
} from '../../src/attribution/pending-lead-reports.js';
import { createMemoryStorage, type StorageLike } from '../../src/shared/storage.js';

const SITE = 'https://shop.example';
const attribution: LeadAttribution = {
  first: { utm_source: 'newsletter', utm_campaign: 'spring', landing_page: `${SITE}/` },
  last: { ref: 'acme', landing_page: `${SITE}/p` },
  page: `${SITE}/contact`,
};
const report = (submissionId: string, withAttribution: LeadAttribution | undefined = attribution): LeadReport => ({
  formId: 'contact',
  submissionId,
  attribution: withAttribution,
});

describe('generateLeadEvent', () => {
  const cases: { what: string; report: LeadReport; event: Record<string, unknown> }[] = [
    {
      what: 'form, submission, lead source and attribution',
      report: report('s-1'),
      event: { event: 'generate_lead', form_id: 'contact', submission_id: 's-1', lead_source: 'newsletter', attribution },
    },
    {
      what: 'no lead source without a first-touch utm_source',
      report: report('s-2', { ...attribution, first: { landing_page: `${SITE}/` } }),
      event: {
        event: 'generate_lead',
        form_id: 'contact',
        submission_id: 's-2',
        attribution: { ...attribution, first: { landing_page: `${SITE}/` } },
      },
    },
    {
      what: 'no attribution when it was off or waited for consent',
      report: { formId: 'contact', submissionId: 's-3', attribution: undefined },
      event: { event: 'generate_lead', form_id: 'contact', submission_id: 's-3' },
    },
  ];
  for (const { what, report: input, event } of cases) it(what, () => expect(generateLeadEvent(input)).to.deep.equal(event));
});

describe('pushToDataLayer', () => {
  it('creates the data layer when the page has none, and appends to an existing one', () => {
    const page: { dataLayer?: unknown } = {};
    const event = generateLeadEvent(report('s-1'));
    pushToDataLayer(event, page);
    expect(page.dataLayer).to.deep.equal([event]);
    const existing = [{ event: 'gtm.js' }];
    const other = { dataLayer: existing };
    pushToDataLayer(event, other);
    expect(other.dataLayer).to.equal(existing);
    expect(existing).to.deep.equal([{ event: 'gtm.js' }, event]);
  });
});

describe('PendingLeadReports', () => {
  let storage: StorageLike;
  let now: number;
  const reports = (): PendingLeadReports => new PendingLeadReports(storage, () => now);

  beforeEach(() => {
    storage = createMemoryStorage();
    now = 1_700_000_000_000;
  });

  it('hands a report out exactly once, also to another page view (a new instance over the same storage)', () => {
    reports().add(report('s-1'));
    reports().add(report('s-2'));
    const laterPage = reports();
    expect(laterPage.take('s-1')).to.deep.equal(report('s-1'));
    expect(laterPage.take('s-1')).to.equal(undefined);
    expect(reports().take('s-1')).to.equal(undefined);
    expect(reports().take('s-2')?.submissionId).to.equal('s-2');
    expect(storage.getItem(LEAD_REPORTS_STORAGE_KEY), 'storage emptied').to.equal(null);
  });

  it('knows nothing of a submission it was never given', () => {
    expect(reports().take('never')).to.equal(undefined);
  });

  it('keeps no personal data, only form, submission and attribution', () => {
    reports().add(report('s-1'));
    const stored = JSON.parse(storage.getItem(LEAD_REPORTS_STORAGE_KEY) ?? '[]') as { report: Record<string, unknown> }[];
    expect(Object.keys(stored[0]?.report ?? {})).to.deep.equal(['formId', 'submissionId', 'attribution']);
  });

  it('drops reports older than the limit', () => {
    reports().add(report('old'));
    now += LEAD_REPORT_MAX_AGE_MS;
    expect(reports().take('old')).to.equal(undefined);
  });

  it('keeps at most the newest reports', () => {
    const store = reports();
    for (let n = 0; n <= LEAD_REPORT_MAX_ITEMS; n++) store.add(report(`s-${n}`));
    expect(store.take('s-0'), 'the oldest made room').to.equal(undefined);
    expect(store.take('s-1')?.submissionId).to.equal('s-1');
    expect(store.take(`s-${LEAD_REPORT_MAX_ITEMS}`)?.submissionId).to.equal(`s-${LEAD_REPORT_MAX_ITEMS}`);
  });

  it('adding the same submission twice keeps one report', () => {
    const store = reports();
    store.add(report('s-1'));
    store.add(report('s-1'));
    expect(store.take('s-1')).not.to.equal(undefined);
    expect(store.take('s-1')).to.equal(undefined);
  });

  it('ignores unreadable storage', () => {
    for (const raw of ['{oops', '{"a":1}', '[null, 1, {"at":"x"}]']) {
      storage.setItem(LEAD_REPORTS_STORAGE_KEY, raw);
      expect(reports().take('s-1'), raw).to.equal(undefined);
    }
  });

  it('keeps reports in memory for the page when storage refuses or is missing', () => {
    const refusing: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    for (const store of [new PendingLeadReports(refusing), new PendingLeadReports(undefined)]) {
      store.add(report('s-1'));
      expect(store.take('s-1')?.submissionId).to.equal('s-1');
      expect(store.take('s-1')).to.equal(undefined);
    }
  });
});
