// The XML reader under the adapters: namespace scopes as deep as documents nest them, element
// names read the same whatever their case, and text as the document has it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { childElements, firstChild, parseXml, type XmlElement } from '../../src/feeds/xml.js';

// The elements of a document, depth first.
function walk(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  out.push(el);
  for (const c of el.children) if (typeof c !== 'string') walk(c, out);
  return out;
}

describe('namespace scopes', () => {
  it('resolve through forty levels of declarations, the nearest winning', () => {
    // Every level declares a prefix of its own; level 20 rebinds "dc" to Atom, level 30 back.
    const open = Array.from({ length: 40 }, (_, k) => {
      const rebind = k === 20 ? ' xmlns:dc="http://www.w3.org/2005/Atom"' : k === 30 ? ' xmlns:dc="http://purl.org/dc/elements/1.1/"' : '';
      return `<level${k} xmlns:p${k}="urn:level:${k}"${rebind}><dc:creator>${k}</dc:creator>`;
    }).join('');
    const close = Array.from({ length: 40 }, (_, k) => `</level${39 - k}>`).join('');
    const doc = parseXml(`<root xmlns:dc="http://purl.org/dc/elements/1.1/">${open}<p3:x/><p37:y/>${close}</root>`);
    const creators = walk(doc.root!).filter((e) => e.name === 'dc:creator');
    assert.equal(creators.length, 40);
    creators.forEach((c, k) => assert.equal(c.ns, k >= 20 && k < 30 ? 'atom' : 'dc', `dc:creator at level ${k}`));
    const x = walk(doc.root!).find((e) => e.local === 'x');
    const y = walk(doc.root!).find((e) => e.local === 'y');
    assert.equal(x?.ns, 'urn:level:3', 'a prefix declared far up still resolves');
    assert.equal(y?.ns, 'urn:level:37');
    assert.deepEqual(doc.warnings, []);
  });

  it('a prefix declared on a sibling does not leak', () => {
    const doc = parseXml('<r><a xmlns:q="urn:q"><q:x/></a><b><q:y/></b></r>');
    const [a, b] = childElements(doc.root!);
    assert.equal(firstChild(a!, 'x')?.ns, 'urn:q');
    assert.equal(firstChild(b!, 'y')?.ns, 'q', 'undeclared: the prefix as written');
    assert.ok(doc.warnings.some((w) => /undeclared namespace prefix "q"/.test(w)), 'the undeclared prefix is reported');
  });
});

describe('element lookup', () => {
  it('matches local names whatever their case', () => {
    const doc = parseXml('<rss><channel><PubDate>x</PubDate><LASTBUILDDATE>y</LASTBUILDDATE></channel></rss>');
    const channel = firstChild(doc.root!, 'channel')!;
    assert.equal(firstChild(channel, 'pubdate')?.name, 'PubDate');
    assert.equal(firstChild(channel, 'lastbuilddate')?.name, 'LASTBUILDDATE');
  });

  it('keeps text, CDATA and entities as the document has them, in one text child', () => {
    const doc = parseXml('<t>a &amp; <![CDATA[<b>]]> &#x41;</t>');
    assert.deepEqual(doc.root!.children, ['a & <b> A']);
  });
});
