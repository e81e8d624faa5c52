/**
 * The worksheet scanner: the same rows as saxes, ExcelJS's XML parser, for the sample workbooks,
 * workbooks built with ExcelJS and worksheet XML written by hand as other programs write it; the
 * same rows whatever pieces the XML arrives in; and malformed XML refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { FairDrawError } from '../../core/errors.js';
import { importApplicantsFile } from './index.js';
import { SharedStringsReader, SheetXmlError, SheetXmlScanner, type ScannedRow } from './sheet-xml.js';
import { fakeId, samplePath, SAMPLE_UNITS, SAMPLE_WINDOW, xlsxBytes } from './test-support.js';
import { readXlsx } from './xlsx.js';

/** A zip of the given parts, each deflated, as a workbook is stored. */
function zip(parts: Record<string, string>): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(fileName.length, 26);
    local.push(head, fileName, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fileName.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, fileName);
    offset += head.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook of one sheet 报名名单 whose XML is `sheet`, with the given shared strings. */
function workbook(sheet: string, shared: string[] = []): Uint8Array {
  const esc = (t: string): string => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  return zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="报名名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join('')}</sst>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': sheet,
  });
}

/** Both readers' view of a workbook: its rows, or the error's code and where. */
async function bothReaders(bytes: Uint8Array, sheet?: string): Promise<unknown> {
  const read = (reader: 'scanner' | 'saxes'): Promise<unknown> =>
    readXlsx(bytes, 'f.xlsx', sheet, reader).then(
      (t) => t,
      (e: unknown) => (e instanceof FairDrawError ? { code: e.code, where: e.where } : e),
    );
  const scanner = await read('scanner');
  expect(scanner).toEqual(await read('saxes'));
  return scanner;
}

/** A worksheet of the given <sheetData> rows (and what follows it). */
const sheetXml = (rows: string, after = '', prefix = ''): string => {
  const p = prefix === '' ? '' : `${prefix}:`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}worksheet xmlns${prefix === '' ? '' : `:${prefix}`}="${MAIN}"><${p}dimension ref="A1:D4"/><${p}sheetData>${rows}</${p}sheetData>${after}</${p}worksheet>`;
};

const HAND_WRITTEN = sheetXml(
  `<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r='C1' t='inlineStr'><is><t>类别</t></is></c></row>` +
    `<!-- a comment --><row r="2"><c r="A2" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></is></c>` +
    `<c r="B2" s="1"><v>41518</v></c><c r="C2"><f>1+1</f><v>2</v></c><c r="D2" t="str"><v>a &amp; b &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot; &apos;</v></c></row>` +
    `<row r="3" custom="1" note="x > y"><c r="A3" t="str"><v><![CDATA[<李四> & 王五]]></v></c><c r="B3"><f t="shared" ref="B3:B4" si="0">A3&amp;"x"</f></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c></row>` +
    `<row r="4"><c r="A4" t="str"><v>line1\r\nline2\rline3</v></c><c r="B4"><f t="shared" si="0"/></c><c r="C4"/><c r="D4"><v>510302201309011234</v></c></row>` +
    `<row r="6"><c r="A6"><v>0.30000000000000004</v></c><c r="C6" t="s"><v> 1 </v></c></row>` +
    `<row r="7"><c r="B7" t="s"><v/></c></row>`, // an empty shared-string cell: no value, not string 0
  `<mergeCells count="1"><mergeCell ref="E5:F5"/></mergeCells><extLst><ext uri="{x}"><x14:foo xmlns:x14="urn:x">&lt;</x14:foo></ext></extLst>`,
);

describe('the worksheet scanner', () => {
  it('reads the sample workbooks as saxes does', async () => {
    for (const f of ['applicants.xlsx', 'applicants-bad.xlsx']) {
      const t = (await bothReaders(new Uint8Array(readFileSync(samplePath(f))))) as { rows: unknown[] };
      expect(t.rows.length).toBeGreaterThan(5);
    }
  });

  it('reads workbooks written by ExcelJS as saxes does: rich text, dates, formulas with and without a result', async () => {
    const wb = await xlsxBytes((w) => {
      const ws = w.addWorksheet('报名名单');
      ws.addRow(['姓名', '出生日期', '类别', '备注']);
      ws.addRow([{ richText: [{ text: '李' }, { text: '四', font: { bold: true } }] }, new Date(Date.UTC(2013, 8, 1)), 1, 'a&b<c>"d"']);
      ws.addRow(['王五', '2014/1/2', { formula: '1+1', result: 2 }, { formula: 'A1&"x"' } as never]);
      ws.addRow([true, { error: '#REF!' } as never, 0.1 + 0.2, 18797512014]);
      ws.getCell('F9').value = '  远处的格  ';
    });
    const t = (await bothReaders(wb)) as { rows: { row: number; cells: string[]; formulas?: Map<number, string> }[] };
    expect(t.rows[1]!.cells).toEqual(['李四', '2013-09-01', '1', 'a&b<c>"d"']);
    expect(t.rows[2]!.formulas).toEqual(new Map([[3, 'A1&"x"']]));
    expect(t.rows.at(-1)).toEqual({ row: 9, cells: ['', '', '', '', '', '  远处的格  '] });
  });

  it('reads worksheet XML as other programs write it, as saxes does', async () => {
    const bytes = workbook(HAND_WRITTEN, ['姓名', '出生日期']);
    const t = (await bothReaders(bytes)) as { rows: { row: number; cells: string[]; formulas?: Map<number, string> }[] };
    expect(t.rows).toEqual([
      { row: 1, cells: ['姓名', '出生日期', '类别'] },
      { row: 2, cells: ['张三 ', '2013-09-01', '2', 'a & b <c> 中文 "q" \''] },
      { row: 3, cells: ['<李四> & 王五', '', 'TRUE', '#N/A'], formulas: new Map([[1, 'A3&"x"']]) },
      { row: 4, cells: ['line1\nline2\nline3', '', '', '5.10302201309011e+17'], formulas: new Map([[1, '…']]) },
      { row: 6, cells: ['0.3', '', '出生日期'] },
    ]);
  });

  it('reads a sheet whose elements carry a namespace prefix', async () => {
    const rows = HAND_WRITTEN.replace(/<(\/?)(?!\?|!)([a-zA-Z])/g, '<$1x:$2')
      .replace('<x:x14:foo', '<x14:foo')
      .replace('</x:x14:foo', '</x14:foo');
    const prefixed = rows.replace(`<x:worksheet xmlns="${MAIN}"`, `<x:worksheet xmlns:x="${MAIN}"`);
    const plain = (await bothReaders(workbook(HAND_WRITTEN, ['姓名', '出生日期']))) as object;
    expect(await bothReaders(workbook(prefixed, ['姓名', '出生日期']))).toEqual(plain);
  });

  it('reports a merged header cell from the same XML as saxes does', async () => {
    const merged = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>',
      '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C2:C3"/></mergeCells>',
    );
    const e = (await bothReaders(workbook(merged, ['姓名', '身份证号']))) as { code: string; where: { field: string } };
    expect(e).toMatchObject({ code: 'import.header-merged', where: { field: 'A1:B1' } });
  });

  it('gives the same rows whatever pieces the XML arrives in', () => {
    const bytes = Buffer.from(HAND_WRITTEN, 'utf8');
    const scan = (size: number): { rows: ScannedRow[]; merged: string[]; expected: number } => {
      const rows: ScannedRow[] = [];
      const merged: string[] = [];
      const s = new SheetXmlScanner(
        { sharedString: (i) => `S${i}`, valueText: (type, style, v) => `${type ?? '-'}/${style}/${v}` },
        (r) => rows.push(r),
        merged,
      );
      for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, i + size));
      s.end();
      return { rows, merged, expected: s.expectedRows };
    };
    const whole = scan(bytes.length);
    expect(whole.rows).toHaveLength(5);
    expect(whole.expected).toBe(3);
    expect(whole.rows[1]!.cells[0]).toBe('inlineStr/0/张三 ');
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(scan(size)).toEqual(whole);
  });

  it('refuses malformed XML, naming the file, as an unreadable workbook', async () => {
    const bad = [
      sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></row></c>'), // end tags out of order
      sheetXml('<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>'), // an unknown entity
      sheetXml('<row r="1"><c r="A1" t="str"><v>a & b</v></c></row>'), // a bare ampersand
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet/>', // a document type declaration
      sheetXml('<row r="1"><c r="A1" t="str"><v>a</v></c></row>').slice(0, -20), // cut short
      sheetXml('<row r="1"><c r=A1><v>1</v></c></row>'), // an attribute without quotes
    ];
    for (const sheet of bad) {
      const e = await readXlsx(workbook(sheet, ['姓名']), '名单.xlsx').catch((x: unknown) => x);
      expect(e, sheet).toMatchObject({ code: 'import.xlsx-unreadable', where: { file: '名单.xlsx' } });
    }
    const s = new SheetXmlScanner({ sharedString: () => '', valueText: () => '' }, () => undefined, []);
    expect(() => s.write(Buffer.from('<a><b></a>'))).toThrow(SheetXmlError);
  });

  it('keeps a formula without a stored result an error of its row, naming the sheet', async () => {
    const id = fakeId('2013-10-01', 11);
    const sheet = sheetXml(
      `<row r="1">${['姓名', '性别', '身份证号', '志愿1', '类别'].map((_, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>` +
        `<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>男</t></is></c><c r="C2" t="str"><v>${id}</v></c><c r="D2" t="inlineStr"><is><t>檀木林小学</t></is></c><c r="E2"><f>1+0</f></c></row>`,
    );
    const r = await importApplicantsFile(workbook(sheet, ['姓名', '性别', '身份证号', '志愿1', '类别']), '名单.xlsx', {
      units: SAMPLE_UNITS,
      ageWindow: SAMPLE_WINDOW,
    });
    expect(r.errors.map((e) => [e.row, e.field, e.code, e.sheet])).toEqual([[2, '类别', 'cell.formula-no-value', '报名名单']]);
  });

  it('reads any cell text written in any of the ways XML allows, in any pieces, as saxes does', async () => {
    // Text of characters that XML writes in more than one way, each written one of those ways.
    const char = fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", '\n', '\r', '\t', '中', '文', '𠀀', '1', '.');
    const way = fc.constantFrom<'plain' | 'decimal' | 'hex' | 'cdata'>('plain', 'decimal', 'hex', 'cdata');
    const written = (c: string, w: string): string => {
      const code = c.codePointAt(0)!;
      if (w === 'decimal') return `&#${code};`;
      if (w === 'hex') return `&#x${code.toString(16)};`;
      // A literal CR is read as a line end (LF): only a reference keeps it.
      if (w === 'cdata' && c !== '>' && c !== '\r') return `<![CDATA[${c}]]>`;
      return ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' } as Record<string, string>)[c] ?? (c === '\n' ? '\r\n' : c === '\r' ? '&#13;' : c);
    };
    const cell = fc.array(fc.tuple(char, way), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        async (rows, piece) => {
          const xml = sheetXml(
            `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
              rows
                .map((cells, r) => {
                  const cs = cells.map((chars, c) => {
                    const text = chars.map(([ch, w]) => written(ch, w)).join('');
                    return c % 2 === 0
                      ? `<c r="${'ABCD'[c]}${r + 2}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`
                      : `<c r="${'ABCD'[c]}${r + 2}" t="str"><v>${text}</v></c>`;
                  });
                  return `<row r="${r + 2}">${cs.join('')}</row>`;
                })
                .join(''),
          );
          const expected = rows.map((cells) => cells.map((chars) => chars.map(([ch]) => ch).join('')));
          const t = (await bothReaders(workbook(xml, ['姓名']))) as { rows: { cells: string[] }[] };
          const shown = t.rows.slice(1).map((r) => r.cells);
          // A row of blanks only is no row at all.
          expect(shown).toEqual(expected.filter((cells) => cells.some((c) => c !== '')));
          // In pieces of any size, the scanner reads the same.
          const whole: ScannedRow[] = [];
          const pieces: ScannedRow[] = [];
          for (const [out, size] of [
            [whole, xml.length * 4],
            [pieces, piece],
          ] as const) {
            const sc = new SheetXmlScanner({ sharedString: () => '姓名', valueText: (_t, _s, v) => v }, (r) => out.push(r), []);
            const bytes = Buffer.from(xml, 'utf8');
            for (let i = 0; i < bytes.length; i += size) sc.write(bytes.subarray(i, i + size));
            sc.end();
          }
          expect(pieces).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** The shared strings of a part, handed to the reader in pieces of `size` bytes. */
function readSharedStrings(xml: Buffer, size = xml.length): string[] {
  const reader = new SharedStringsReader();
  for (let i = 0; i < xml.length; i += Math.max(1, size)) reader.write(xml.subarray(i, i + size));
  return reader.end();
}

describe('the shared strings', () => {
  const sst = (items: string, prefix = ''): Buffer => {
    const p = prefix === '' ? '' : `${prefix}:`;
    return Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}sst xmlns${prefix === '' ? '' : `:${prefix}`}="${MAIN}" count="9">${items}</${p}sst>`,
    );
  };
  const ITEMS =
    `<si><t>姓名</t></si>` +
    `<si><r><t>张</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh><phoneticPr fontId="1"/></si>` +
    `<si><t>a &amp; b &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot; &apos;</t></si>` +
    `<si><t><![CDATA[<李四> & 王五]]></t></si>` +
    `<si><t/></si><si/><si></si>` +
    `<si><t>line1\r\nline2</t></si>` +
    // as other programs write them: indented, a text before runs, phonetic runs without runs
    `\n  <si>\n    <t>赵</t>\n    <r><t>六</t></r>\n  </si>\n` +
    `<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>`;

  it('reads each string in order: runs joined, phonetic runs and formatting left out, entities and CDATA decoded, empty ones kept', () => {
    const expected = ['姓名', '张三 ', 'a & b <c> 中文 "q" \'', '<李四> & 王五', '', '', '', 'line1\nline2', '赵六', '山田'];
    expect(readSharedStrings(sst(ITEMS))).toEqual(expected);
    // in pieces of any size, the same
    for (const size of [1, 2, 5, 64]) expect(readSharedStrings(sst(ITEMS), size)).toEqual(expected);
    expect(readSharedStrings(sst(''))).toEqual([]);
    // Only the root's own items count: an <si> elsewhere (an extension's) shifts no index.
    const elsewhere = sst(`<si><t>一</t></si><extLst><ext uri="{x}"><si><t>不是</t></si></ext></extLst><si><t>二</t></si>`);
    expect(readSharedStrings(elsewhere)).toEqual(['一', '二']);
  });

  it('reads strings whose elements carry a namespace prefix as the plain ones', () => {
    const prefixed = ITEMS.replace(/<(\/?)(?!\?|!)([a-zA-Z])/g, '<$1x:$2');
    expect(readSharedStrings(sst(prefixed, 'x'))).toEqual(readSharedStrings(sst(ITEMS)));
  });

  it('refuses shared strings that are not well-formed XML, and in a workbook names the file', async () => {
    for (const bad of ['<si><t>a</si></t>', '<si><t>&nbsp;</t></si>', '<si><t>a & b</t></si>']) {
      expect(() => readSharedStrings(sst(bad)), bad).toThrow(SheetXmlError);
    }
    expect(() => readSharedStrings(Buffer.from(sst('<si><t>a</t></si>').subarray(0, -10)))).toThrow(
      'the shared strings (xl/sharedStrings.xml): the XML ends',
    );
    const bytes = workbook(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), ['姓名']);
    const broken = Buffer.from(bytes);
    // The shared strings of `workbook` are deflated: a damaged byte makes them unreadable.
    const at = broken.indexOf('xl/sharedStrings.xml') + 'xl/sharedStrings.xml'.length;
    broken[at + 2] = broken[at + 2]! ^ 0xff;
    broken[at + 3] = broken[at + 3]! ^ 0xff;
    const e = await readXlsx(new Uint8Array(broken), '名单.xlsx').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'import.xlsx-unreadable', where: { file: '名单.xlsx' } });
  });

  it('keeps every character of a long list of Chinese names, wherever the unpacking splits it', async () => {
    // ExcelJS's own reader of this part decoded each unpacked piece on its own, so a character
    // split between two pieces became U+FFFD: a few dozen names in 20,000 were changed silently.
    const names = Array.from({ length: 20_000 }, (_, i) => `学生张三李四王五${i}`);
    const bytes = await xlsxBytes((w) => {
      const ws = w.addWorksheet('报名名单');
      ws.addRow(['姓名', '备注']);
      for (const [i, name] of names.entries()) ws.addRow([name, `备注：第${i}行`]);
    });
    const t = await readXlsx(bytes, 'f.xlsx');
    expect(t.rows.slice(1).map((r) => r.cells[0])).toEqual(names);
    expect(t.rows.filter((r) => r.cells.some((c) => c.includes('\uFFFD')))).toEqual([]);
  });

  it('gives every text cell of the sample workbooks and of a workbook with rich text the text ExcelJS reads', async () => {
    const richText = await xlsxBytes((w) => {
      const ws = w.addWorksheet('报名名单');
      ws.addRow(['姓名', '身份证号', '备注']);
      ws.addRow([{ richText: [{ text: '李' }, { text: '四', font: { bold: true } }] }, fakeId('2013-10-01', 3), 'a&b<c>"d"']);
      ws.addRow(['  王五  ', '', { richText: [{ text: '第一行\n' }, { text: '第二行', font: { italic: true } }] }]);
    });
    const files = [...['applicants.xlsx', 'applicants-bad.xlsx'].map((f) => new Uint8Array(readFileSync(samplePath(f)))), richText];
    for (const bytes of files) {
      const ours = await readXlsx(bytes, 'f.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(bytes).buffer);
      const ws = wb.getWorksheet(ours.sheet)!;
      let compared = 0;
      for (const row of ours.rows) {
        ws.getRow(row.row).eachCell((cell, col) => {
          const v = cell.value;
          const text =
            typeof v === 'string'
              ? v
              : v !== null && typeof v === 'object' && 'richText' in v
                ? v.richText.map((r) => r.text).join('')
                : undefined;
          if (text === undefined) return;
          expect(row.cells[col - 1], `row ${row.row} column ${col}`).toBe(text);
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(8);
    }
  });
});
