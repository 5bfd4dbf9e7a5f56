// @ts-check
/*
 * The emulator's data shapes, in one place so each module can name them.
 * Field names follow Keen's documentation (see keen-api.md): a channel has
 * a `title`, its statuses are `lead_status[].status`. Type-only: nothing to run.
 */

/**
 * @typedef {object} LeadStatus
 * @property {string} id
 * @property {string} status  the status's name, as Keen calls it
 * @property {number} order
 * @property {boolean} visible
 * @property {string} color
 *
 * @typedef {object} PropertyDefinition
 * @property {string} id
 * @property {string} name
 * @property {string} type  "text", "number", "select", "boolean", ...
 * @property {number} order
 * @property {boolean} visible
 * @property {string[]} [options]  only for "select"
 *
 * @typedef {object} Company
 * @property {string} id
 * @property {string} name
 *
 * @typedef {object} ApiKey
 * @property {string} key
 * @property {string} company_id
 *
 * @typedef {object} Channel
 * @property {string} id
 * @property {string} uuid  the public id lead_external also accepts
 * @property {string} title
 * @property {string} created_at
 * @property {string | null} creator  company id; its team is the channel's owner team
 * @property {string | null} partner  company id
 * @property {string | null} referring_id  company id
 * @property {string | null} receiving_id  company id
 * @property {string} currency
 * @property {boolean} no_auth_api
 * @property {string | null} webhook_new_lead  where Keen POSTs each create_lead
 * @property {LeadStatus[]} lead_status
 * @property {PropertyDefinition[]} property_definitions
 *
 * @typedef {object} LegacyLeadStatus  the emulator's first fixture format, still accepted
 * @property {string} id
 * @property {string} name
 * @property {number} order
 *
 * @typedef {Partial<Channel> & { id: string, uuid: string, name?: string, lead_statuses?: LegacyLeadStatus[] }} FixtureChannel
 *   A channel as a fixture may give it: Keen's names, or the first format's
 *   `name` / `lead_statuses[].name`; missing fields get neutral defaults.
 *
 * @typedef {object} Fixture
 * @property {FixtureChannel[]} channels
 * @property {Company[]} [companies]
 * @property {ApiKey[]} [api_keys]
 */

/**
 * @typedef {'email' | 'first_name' | 'last_name' | 'phone' | 'company_name' | 'source' | 'employee' | 'notes' | 'business_id'} LeadTextField
 *
 * @typedef {object} LeadProperty
 * @property {string} property_definitions_id
 * @property {string} value  always text: Keen stores property values as text
 *
 * @typedef {{ [field in LeadTextField]: string | null }} LeadContact
 *
 * @typedef {object} LeadIdentity
 * @property {string} id
 * @property {string} created_at
 *
 * @typedef {object} LeadPlacement
 * @property {string} channels_id  the channel's primary id, even when found by uuid
 * @property {string | null} status  name of the channel's first (lowest order) lead status
 * @property {string | null} lead_status_id
 * @property {LeadProperty[]} properties
 *
 * @typedef {LeadIdentity & LeadContact & LeadPlacement} Lead
 *
 * @typedef {'lead_external' | 'create_lead'} LeadAction
 *
 * @typedef {object} StoredLead
 * @property {Lead} lead
 * @property {LeadAction} action  which action created it
 * @property {{ headers: Record<string, string>, body: string }} request  as received
 *
 * @typedef {object} WebhookRecord  a POST Keen would send; the emulator records it, never sends it
 * @property {string} id
 * @property {string} created_at
 * @property {string} channel_id
 * @property {string} lead_id
 * @property {string} url
 * @property {'POST'} method
 * @property {Record<string, string>} headers
 * @property {Lead} body  the lead data, sent as JSON
 *
 * @typedef {object} NotificationRecord  the in-app notification for the channel owner's team
 * @property {string} id
 * @property {string} created_at
 * @property {'new_lead'} type
 * @property {string | null} company_id  the channel's creator
 * @property {string} channel_id
 * @property {string} lead_id
 * @property {string} message
 */

/**
 * @typedef {number | 'pending' | 'dropped' | 'aborted'} AttemptOutcome
 *   'pending' only while a delayed request is still waiting.
 *
 * @typedef {object} AttemptRecord
 * @property {string} method
 * @property {string} at  ISO time of arrival
 * @property {AttemptOutcome} outcome
 * @property {boolean} fault  whether a queued fault was consumed
 *
 * @typedef {object} Fault
 * @property {number} [status]
 * @property {string} [body]
 * @property {Record<string, string>} [headers]
 * @property {number} [delayMs]
 * @property {true} [drop]
 * @property {true} [commit]
 *
 * @typedef {object} EmulatorState
 * @property {Channel[]} channels
 * @property {Company[]} companies
 * @property {ApiKey[]} apiKeys
 * @property {StoredLead[]} leads
 * @property {WebhookRecord[]} webhooks
 * @property {NotificationRecord[]} notifications
 * @property {AttemptRecord[]} requests
 * @property {Fault[]} faults  one entry per request still to be faulted
 */

/**
 * @typedef {object} EmulatorRequest
 * @property {string} method
 * @property {string} path  the URL's pathname; the query is ignored
 * @property {Readonly<Record<string, string>>} headers  names lower-cased
 * @property {Buffer} body
 * @property {boolean} [bodyTruncated]  reading stopped after MAX_BODY_BYTES
 *
 * @typedef {object} EmulatorResponse
 * @property {number} status
 * @property {Record<string, string>} headers  names lower-cased
 * @property {string} body
 *
 * @typedef {object} FaultInstruction  the server must apply `fault`, then call settleFault
 * @property {Fault} fault
 * @property {AttemptRecord} attempt
 * @property {EmulatorResponse | null} committed  the normal answer, already stored, for `commit` faults
 *
 * @typedef {{ action: 'respond', response: EmulatorResponse } | { action: 'drop' } | { action: 'abandon' }} FaultOutcome
 */

export {};
