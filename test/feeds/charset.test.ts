// src/text/charset.ts, shared by feeds (XML) and extraction (HTML pages): labels, BOM, declarations,
// precedence, and recovery when the bytes prove the label wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import {
  charsetFromContentType, decodeBytes, declaredHtmlCharset, declaredXmlEncoding, isProvablyUtf8, normalizeCharset, sniffBom,
} from '../../src/text/charset.js';

const bytes = (s: string, enc = 'utf8') => new Uint8Array(iconv.encode(s, enc));

describe('charset labels', () => {
  const labels: [string | undefined, string | undefined][] = [
    ['UTF-8', 'utf-8'], ['utf8', 'utf-8'], [' "ISO-8859-1" ', 'windows-1252'], ['latin1', 'windows-1252'], ['us-ascii', 'windows-1252'],
    ['Shift-JIS', 'shift_jis'], ['x-sjis', 'shift_jis'], ['gb2312', 'gb18030'], ['GBK', 'gb18030'], ['koi8-r', 'koi8-r'],
    ['cp1251', 'windows-1251'], ['win-1251', 'windows-1251'], ['UTF-32', 'utf-32'], ['utf_16', 'utf-16'], ['UCS-4', 'utf-32'],
    ['no-such-charset', undefined], ['', undefined], [undefined, undefined],
  ];
  for (const [label, name] of labels) it(`normalizes ${JSON.stringify(label)}`, () => assert.equal(normalizeCharset(label), name));

  it('reads the charset parameter of a Content-Type in its spellings', () => {
    assert.equal(charsetFromContentType('text/html; charset=ISO-8859-1'), 'ISO-8859-1');
    assert.equal(charsetFromContentType("application/atom+xml;charset='gb2312'"), "'gb2312'");
    assert.equal(charsetFromContentType('application/xml;charset = "us-ascii"'), 'us-ascii');
    assert.equal(charsetFromContentType('text/xml'), undefined);
  });

  it('finds BOMs and declarations', () => {
    assert.deepEqual(sniffBom(new Uint8Array([0xff, 0xfe, 0, 0, 0x3c])), { encoding: 'utf-32le', length: 4 });
    assert.deepEqual(sniffBom(new Uint8Array([0xfe, 0xff, 0, 0x3c])), { encoding: 'utf-16be', length: 2 });
    assert.equal(declaredXmlEncoding(bytes("<?xml version='1.0' encoding='KOI8-R' ?><a/>")), 'KOI8-R');
    assert.equal(declaredXmlEncoding(bytes('<?xml version="1.0" encoding="utf-16"?><a/>', 'utf16le')), 'utf-16');
    assert.equal(declaredHtmlCharset(bytes('<html><head><meta charset="windows-1251"><title>x</title>')), 'windows-1251');
    assert.equal(declaredHtmlCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')), 'Shift_JIS');
    assert.equal(declaredHtmlCharset(bytes('<!-- <meta charset="koi8-r"> --><meta charset=utf-8>')), 'utf-8');
  });

  it('tells UTF-8 from legacy bytes', () => {
    assert.equal(isProvablyUtf8(bytes('plain ascii')), false);
    assert.equal(isProvablyUtf8(bytes('Grüße')), true);
    assert.equal(isProvablyUtf8(bytes('Grüße', 'latin1')), false);
  });
});

describe('decodeBytes for HTML pages', () => {
  const page = (charset: string, text: string) => `<!DOCTYPE html><html><head><meta charset="${charset}"><title>${text}</title></head><body><p>${text}</p></body></html>`;
  const cases: [string, Uint8Array, { contentType?: string }, string, string][] = [
    ['meta charset windows-1251', bytes(page('windows-1251', 'Новости'), 'win1251'), {}, 'windows-1251', 'Новости'],
    ['meta charset Shift_JIS', bytes(page('shift_jis', '日本語のニュース'), 'shift_jis'), {}, 'shift_jis', '日本語のニュース'],
    ['HTTP charset over meta', bytes(page('utf-8', 'Ελληνικά νέα'), 'iso88597'), { contentType: 'text/html; charset=iso-8859-7' }, 'iso-8859-7', 'Ελληνικά νέα'],
    ['BOM over HTTP charset', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(page('utf-8', 'Zürich'))]), { contentType: 'text/html; charset=windows-1252' }, 'utf-8', 'Zürich'],
    ['no label, UTF-8 bytes', bytes('<html><body>Café déjà</body></html>'), {}, 'utf-8', 'Café déjà'],
    ['meta says utf-16 for one-byte text', bytes(page('utf-16', 'plain')), {}, 'utf-8', 'plain'],
    ['windows-1252 smart quotes', bytes(page('windows-1252', '“quoted” – €5'), 'win1252'), {}, 'windows-1252', '“quoted” – €5'],
  ];
  for (const [name, input, options, encoding, text] of cases) {
    it(name, () => {
      const decoded = decodeBytes(input, { ...options, kind: 'html' });
      assert.equal(decoded.encoding, encoding);
      assert.ok(decoded.text.includes(text), decoded.text.slice(0, 200));
    });
  }

  it('detects the encoding of unlabelled legacy bytes, with a warning', () => {
    const text = 'Правительство объявило о новых мерах поддержки экономики и малого бизнеса в регионах страны';
    const decoded = decodeBytes(bytes(`<html><body><p>${text}</p></body></html>`, 'koi8-r'), { kind: 'html' });
    assert.ok(decoded.text.includes(text));
    assert.equal(decoded.source, 'detected');
    assert.ok(decoded.warnings.length > 0);
  });
});
