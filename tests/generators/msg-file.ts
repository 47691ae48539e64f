import * as XLSX from '@e965/xlsx';

/**
 * A small Outlook .msg (an OLE2 compound file with MAPI property streams, [MS-OXMSG]) written
 * with SheetJS's CFB writer — independent of the reader under test (@kenjiuno/msgreader).
 * Strings are PT_UNICODE streams (__substg1.0_XXXX001F); the sent time is PR_CLIENT_SUBMIT_TIME in
 * the fixed-size property stream; one recipient; attachments as data streams with their names.
 */
export interface MsgSpec {
  subject: string;
  body: string;
  senderName: string;
  senderEmail: string;
  to: { name: string; email: string }[];
  sent: Date;
  attachments: { name: string; mime: string; data: Uint8Array }[];
}

const utf16 = (s: string) => {
  const b = Buffer.alloc(s.length * 2);
  b.write(s, 'utf16le');
  return b;
};

function props(headerBytes: number, entries: { tag: number; value: Buffer }[], counts?: number[]): Buffer {
  const head = Buffer.alloc(headerBytes);
  if (counts) counts.forEach((c, i) => head.writeUInt32LE(c, 8 + i * 4));
  const rows = entries.map((e) => {
    const row = Buffer.alloc(16);
    row.writeUInt32LE(e.tag >>> 0, 0);
    row.writeUInt32LE(0x6, 4); // readable, writable
    e.value.copy(row, 8, 0, Math.min(8, e.value.length));
    return row;
  });
  return Buffer.concat([head, ...rows]);
}

function filetime(d: Date): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE((BigInt(d.getTime()) + 11644473600000n) * 10000n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(n);
  return b;
}

export function buildMsg(spec: MsgSpec): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  const add = (path: string, data: Buffer | Uint8Array) => XLSX.CFB.utils.cfb_add(cfb, path, Buffer.from(data));
  add('/__substg1.0_001A001F', utf16('IPM.Note'));
  add('/__substg1.0_0037001F', utf16(spec.subject));
  add('/__substg1.0_1000001F', utf16(spec.body));
  add('/__substg1.0_0C1A001F', utf16(spec.senderName));
  add('/__substg1.0_0C1F001F', utf16(spec.senderEmail));
  add('/__substg1.0_5D01001F', utf16(spec.senderEmail));
  add('/__substg1.0_0E04001F', utf16(spec.to.map((t) => t.name).join('; ')));
  add(
    '/__properties_version1.0',
    props(
      32,
      [
        { tag: 0x00390040, value: filetime(spec.sent) },
        { tag: 0x0e060040, value: filetime(spec.sent) },
      ],
      [spec.to.length, spec.attachments.length, spec.to.length, spec.attachments.length],
    ),
  );
  spec.to.forEach((t, i) => {
    const dir = `/__recip_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`;
    add(`${dir}/__substg1.0_3001001F`, utf16(t.name));
    add(`${dir}/__substg1.0_3003001F`, utf16(t.email));
    add(`${dir}/__substg1.0_39FE001F`, utf16(t.email));
    add(
      `${dir}/__properties_version1.0`,
      props(8, [
        { tag: 0x0c150003, value: int32(1) },
        { tag: 0x30000003, value: int32(i) },
      ]),
    );
  });
  spec.attachments.forEach((a, i) => {
    const dir = `/__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`;
    add(`${dir}/__substg1.0_3707001F`, utf16(a.name));
    add(`${dir}/__substg1.0_3001001F`, utf16(a.name));
    add(`${dir}/__substg1.0_370E001F`, utf16(a.mime));
    add(`${dir}/__substg1.0_37010102`, a.data);
    add(
      `${dir}/__properties_version1.0`,
      props(8, [
        { tag: 0x37050003, value: int32(1) },
        { tag: 0x0e200003, value: int32(a.data.length) },
        { tag: 0x0ffe0003, value: int32(7) },
      ]),
    );
  });
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Buffer);
}
