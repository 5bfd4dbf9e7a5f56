// @ts-check
/*
 * The mapping from a get_channels answer to the form configuration
 * (contract D), table-driven with plain values: order, visibility, the
 * type → control table, options, lookup by id or uuid, and a clear error
 * for a channel that is not in the answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importRelay } from './relay-harness.js';

const { channelFieldsConfig, formatChannelFields, ChannelFieldsError } = await importRelay();

const LEADING = ['first_name', 'last_name', 'email', 'phone', 'company_name'];

/** @param {unknown[]} definitions */
const answerWith = (definitions, extra = {}) => ({ channels: [{ id: 'ch-1', uuid: 'uuid-1', title: 'Web', property_definitions: definitions, ...extra }] });

test("Keen's types become the widget's controls; anything unknown is text", () => {
  /** @type {[string, string][]} */
  const table = [
    ['text', 'text'],
    ['number', 'number'],
    ['boolean', 'checkbox'],
    ['date', 'date'],
    ['currency', 'text'],
    ['email', 'text'],
  ];
  for (const [keenType, control] of table) {
    const config = channelFieldsConfig(answerWith([{ id: 'p1', name: 'P', type: keenType, order: 1, visible: true }]), 'ch-1');
    assert.deepEqual(config.fields, [...LEADING, { property: 'p1', type: control, label: 'P' }, 'notes'], keenType);
  }
});

test('visible definitions only, sorted by order (missing orders last, ties keep Keen\'s listing), selects with options', () => {
  const config = channelFieldsConfig(
    answerWith([
      { id: 'late', name: 'Late', type: 'text', visible: true },
      { id: 'b', name: 'B', type: 'select', order: 2, visible: true, options: ['x', 'y'] },
      { id: 'hidden', name: 'Hidden', type: 'text', order: 0, visible: false },
      { id: 'a', name: 'A', type: 'number', order: 1, visible: true },
      { id: 'a2', name: 'A2', type: 'text', order: 1, visible: true },
      { id: 'empty-select', name: 'No choices', type: 'select', order: 3, visible: true },
      { id: 'nameless', name: ' ', type: 'text', order: 4, visible: true },
    ]),
    'ch-1',
  );
  assert.deepEqual(config.fields, [
    ...LEADING,
    { property: 'a', type: 'number', label: 'A' },
    { property: 'a2', type: 'text', label: 'A2' },
    { property: 'b', type: 'select', label: 'B', options: ['x', 'y'] },
    // A select without choices could not be answered as one; typed text still reaches Keen.
    { property: 'empty-select', type: 'text', label: 'No choices' },
    // The widget refuses a visible property without a label: its id stands in.
    { property: 'nameless', type: 'text', label: 'nameless' },
    { property: 'late', type: 'text', label: 'Late' },
    'notes',
  ]);
});

test('finds the channel by id or by public uuid; printed as pretty JSON with 2 spaces', () => {
  const answer = answerWith([{ id: 'p1', name: 'P', type: 'text', order: 1, visible: true }]);
  assert.deepEqual(channelFieldsConfig(answer, 'uuid-1'), channelFieldsConfig(answer, ' ch-1 '));
  assert.equal(formatChannelFields({ fields: ['email'] }), '{\n  "fields": [\n    "email"\n  ]\n}');
});

test('a channel not in the answer, or an answer without channels, is a ChannelFieldsError naming what is there', () => {
  assert.throws(
    () => channelFieldsConfig(answerWith([]), 'ch-9'),
    (error) => error instanceof ChannelFieldsError && /channel ch-9 is not among the channels this API key's company can see \(ch-1 "Web"\)/.test(error.message),
  );
  assert.throws(() => channelFieldsConfig({ channels: [] }, 'ch-9'), /it sees none/);
  assert.throws(() => channelFieldsConfig({ error: 'x' }, 'ch-1'), /has no "channels" list/);
});
