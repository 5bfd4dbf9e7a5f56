// @ts-check
/**
 * A minimal ZIP (PKWARE APPNOTE 6.3) writer and reader on node:zlib, so that
 * packaging the plugin and unpacking Playground's WordPress build need
 * neither a `zip` binary nor an npm dependency. Enough of the format for
 * plain files: deflate (8) or store (0), no ZIP64 (archives < 4 GiB and
 * < 65 535 entries), no encryption, UTF-8 names (general purpose bit 11).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 1 << 11;
const STORED = 0;
const DEFLATED = 8;
/** "Made by" UNIX (3) so unzip tools honour the permission bits in the external attributes. */
const MADE_BY_UNIX = (3 << 8) | 20;
const VERSION_NEEDED = 20;

/**
 * @typedef {object} ZipEntryInput
 * @property {string} name  forward slashes; a trailing slash makes a directory entry
 * @property {Buffer} [data]  file contents (omit for directories)
 * @property {Date} [modified]
 *
 * @typedef {object} ZipEntry
 * @property {string} name
 * @property {Buffer} data
 * @property {number} method
 * @property {number} crc
 * @property {boolean} isDirectory
 */

/** MS-DOS date and time, local time, two-second resolution (the format's own). */
function dosDateTime(/** @type {Date} */ date) {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * @param {readonly ZipEntryInput[]} entries
 * @returns {Buffer} the whole archive
 */
export function createZip(entries) {
  /** @type {Buffer[]} */
  const parts = [];
  /** @type {Buffer[]} */
  const central = [];
  let offset = 0;
  const names = new Set();
  for (const entry of entries) {
    if (entry.name.startsWith('/') || entry.name.includes('\\') || entry.name.split('/').includes('..')) {
      throw new Error(`zip: unsafe entry name ${JSON.stringify(entry.name)}`);
    }
    if (names.has(entry.name)) throw new Error(`zip: duplicate entry ${entry.name}`);
    names.add(entry.name);
    const isDirectory = entry.name.endsWith('/');
    const data = isDirectory ? Buffer.alloc(0) : (entry.data ?? Buffer.alloc(0));
    const deflated = data.length > 0 ? deflateRawSync(data, { level: 9 }) : data;
    // Store when deflating does not help (tiny or already-compressed files).
    const method = deflated.length < data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : data;
    const crc = crc32(data);
    const name = Buffer.from(entry.name, 'utf8');
    const { time, date } = dosDateTime(entry.modified ?? new Date(1980, 0, 1));

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_FILE_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
    header.writeUInt16LE(MADE_BY_UNIX, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    const mode = isDirectory ? 0o040755 : 0o100644;
    header.writeUInt32LE(((mode << 16) | (isDirectory ? 0x10 : 0)) >>> 0, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  if (names.size > 0xffff || offset > 0xffffffff) throw new Error('zip: too large for a non-ZIP64 archive');
  const centralDirectory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(names.size, 8);
  end.writeUInt16LE(names.size, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralDirectory, end]);
}

/**
 * Reads every entry through the central directory and checks each CRC.
 * @param {Buffer} zip
 * @returns {ZipEntry[]}
 */
export function readZip(zip) {
  // The end record is the last 22 bytes plus an optional comment of up to 64 KiB.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('zip: no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let cursor = zip.readUInt32LE(end + 16);
  /** @type {ZipEntry[]} */
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(cursor) !== CENTRAL_DIRECTORY_HEADER) throw new Error('zip: bad central directory header');
    const flags = zip.readUInt16LE(cursor + 8);
    const method = zip.readUInt16LE(cursor + 10);
    const crc = zip.readUInt32LE(cursor + 16);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const size = zip.readUInt32LE(cursor + 24);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const localOffset = zip.readUInt32LE(cursor + 42);
    const name = zip.toString(flags & UTF8_NAMES ? 'utf8' : 'latin1', cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new Error(`zip: bad local header for ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data;
    if (method === STORED) data = Buffer.from(raw);
    else if (method === DEFLATED) data = inflateRawSync(raw);
    else throw new Error(`zip: ${name} uses unsupported method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`zip: ${name} is corrupt (size or CRC mismatch)`);
    entries.push({ name, data, method, crc, isDirectory: name.endsWith('/') });
  }
  return entries;
}
