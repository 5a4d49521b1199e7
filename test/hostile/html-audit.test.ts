import { describe, expect, it } from 'vitest';
import { auditFeedHtml, auditPage, auditXsl } from './html-audit.js';

// The audits are what the hostile suite trusts; each rule is shown to fire on a known-bad input.
const options = { baseUrl: 'https://wire.example.org' };

describe('auditFeedHtml', () => {
  it.each([
    ['<script>alert(1)</script>', 'element <script>'],
    ['<img src="https://i.example/a.jpg" onerror="alert(1)">', 'attribute onerror'],
    ['<p style="color:red">x</p>', 'attribute style'],
    ['<a href="javascript:alert(1)">x</a>', 'scheme javascript:'],
    ['<a href="&#106;avascript:alert(1)">x</a>', 'scheme javascript:'],
    ['<a href="java&#x09;script:alert(1)">x</a>', 'scheme javascript:'],
    ['<img src="data:image/png;base64,AAAA">', 'scheme data:'],
    ['<img src="http://i.example/a.jpg">', 'scheme http:'],
    ['<a href="/relative">x</a>', 'not an absolute URL'],
    ['<svg><a href="https://ok.example/">x</a></svg>', 'foreign'],
    ['<math><mi>x</mi></math>', 'foreign'],
    ['<!-- x -->', 'comment'],
    ['<iframe src="https://e.example/"></iframe>', 'element <iframe>'],
  ])('flags %s', (fragment, finding) => {
    expect(auditFeedHtml(fragment, options).join('\n')).toContain(finding);
  });

  it('passes allow-listed markup with absolute URLs', () => {
    expect(auditFeedHtml('<p><a href="https://ok.example/?a=1&amp;b=2">x</a><img src="https://i.example/a.jpg" alt="a"></p>', options)).toEqual([]);
  });
});

describe('auditPage', () => {
  it.each([
    ['<script src="app.js"></script>', '<script>'],
    ['<style>p{}</style>', '<style>'],
    ['<p style="color:red">x</p>', 'inline style'],
    ['<body onload="x()">', 'event handler onload'],
    ['<meta http-equiv="refresh" content="0">', 'http-equiv'],
    ['<a href="javascript:x()">x</a>', 'scheme javascript:'],
  ])('flags %s', (markup, finding) => {
    expect(auditPage(`<!DOCTYPE html><html><head><title>t</title></head><body>${markup}</body></html>`).join('\n')).toContain(finding);
  });

  it('passes a page with a stylesheet link and relative links', () => {
    expect(auditPage('<!DOCTYPE html><html><head><title>t</title><link rel="stylesheet" href="style.css"></head><body><a href="../">home</a></body></html>')).toEqual([]);
  });
});

describe('auditXsl', () => {
  const xsl = (body: string) => `<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">${body}</xsl:template></xsl:stylesheet>`;

  it.each([
    ['<xsl:value-of select="title" disable-output-escaping="yes"/>', 'disable-output-escaping'],
    ['<script>x()</script>', '<script>'],
    ['<p style="color:red"/>', 'attribute style'],
    ['<p><xsl:attribute name="onclick">x()</xsl:attribute></p>', 'xsl:attribute onclick'],
  ])('flags %s', (body, finding) => {
    expect(auditXsl(xsl(body)).join('\n')).toContain(finding);
  });

  it('passes value-of output and a stylesheet link', () => {
    expect(auditXsl(xsl('<html><head><link rel="stylesheet" href="style.css"/></head><body><h1><xsl:value-of select="title"/></h1></body></html>'))).toEqual([]);
  });
});
