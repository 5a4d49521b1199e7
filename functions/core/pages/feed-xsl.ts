import type { SiteConfig } from '../site.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';

/**
 * An XSLT 1.0 stylesheet that turns our RSS and Atom feeds into a readable page when opened in a
 * browser: title, description, how to subscribe, and each item with its date, lead photo and
 * summary. It links the site stylesheet (no inline styles, so a strict CSP holds). Feed readers
 * ignore the `xml-stylesheet` instruction. Chromium has deprecated XSLT; the index page and story
 * pages remain the primary human view.
 *
 * An RSS description is HTML, and ours is the plain summary escaped once more (render/rss.ts);
 * `summary-text` undoes that inner escape so the page shows the summary as Atom's `type="text"`
 * summary shows it. `disable-output-escaping` would let the description's markup into the page
 * (and Firefox ignores it). The template undoes exactly what escapeXmlText writes (`&amp;`, `&lt;`,
 * `&gt;`, `&quot;`, `&#13;`) and halves long texts at an entity boundary (an entity is at most 6
 * characters, so the cut falls before the first `&` of the 6 before the middle): its recursion is
 * about log₂(length) + 16 calls deep, where one call per `&` would pass libxslt's limit of 3,000
 * nested calls on a summary of 3,000 ampersands.
 */
export function renderFeedXsl(site: SiteConfig): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" exclude-result-prefixes="atom media">
<xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<html>
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="rss/channel/title|atom:feed/atom:title"/> (feed)</title>
<link rel="stylesheet" href="${attr(site.baseUrl)}/style.css"/>
</head>
<body>
<p class="meta">This is a web feed. Copy its address into a feed reader to subscribe. <a href="${attr(site.baseUrl)}/">All feeds</a></p>
<xsl:apply-templates select="rss/channel|atom:feed"/>
</body>
</html>
</xsl:template>
<xsl:template match="channel">
<h1><xsl:value-of select="title"/></h1>
<p><xsl:value-of select="description"/></p>
<ul class="stories">
<xsl:for-each select="item">
<li>
<a href="{link}"><xsl:value-of select="title"/></a>
<xsl:if test="media:content[1]"><img src="{media:content[1]/media:thumbnail/@url|media:content[1][not(media:thumbnail)]/@url}" alt="{media:content[1]/media:description}"/></xsl:if>
<div class="meta"><xsl:value-of select="pubDate"/></div>
<p><xsl:call-template name="summary-text"><xsl:with-param name="html" select="description"/></xsl:call-template></p>
</li>
</xsl:for-each>
</ul>
</xsl:template>
<xsl:template name="summary-text">
<xsl:param name="html"/>
<xsl:variable name="length" select="string-length($html)"/>
<xsl:choose>
<xsl:when test="not(contains($html, '&amp;'))"><xsl:value-of select="$html"/></xsl:when>
<xsl:when test="$length &gt; 64">
<xsl:variable name="half" select="floor($length div 2)"/>
<xsl:variable name="window" select="substring($html, $half - 5, 6)"/>
<xsl:variable name="cut">
<xsl:choose>
<xsl:when test="contains($window, '&amp;')"><xsl:value-of select="$half - 6 + string-length(substring-before($window, '&amp;'))"/></xsl:when>
<xsl:otherwise><xsl:value-of select="$half"/></xsl:otherwise>
</xsl:choose>
</xsl:variable>
<xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($html, 1, $cut)"/></xsl:call-template>
<xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($html, $cut + 1)"/></xsl:call-template>
</xsl:when>
<xsl:otherwise>
<xsl:value-of select="substring-before($html, '&amp;')"/>
<xsl:variable name="rest" select="substring-after($html, '&amp;')"/>
<xsl:choose>
<xsl:when test="starts-with($rest, 'amp;')"><xsl:text>&amp;</xsl:text><xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, 'lt;')"><xsl:text>&lt;</xsl:text><xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, 'gt;')"><xsl:text>&gt;</xsl:text><xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, 'quot;')"><xsl:text>"</xsl:text><xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($rest, 6)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, '#13;')"><xsl:text>&#13;</xsl:text><xsl:call-template name="summary-text"><xsl:with-param name="html" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
<xsl:otherwise><xsl:text>&amp;</xsl:text><xsl:call-template name="summary-text"><xsl:with-param name="html" select="$rest"/></xsl:call-template></xsl:otherwise>
</xsl:choose>
</xsl:otherwise>
</xsl:choose>
</xsl:template>
<xsl:template match="atom:feed">
<h1><xsl:value-of select="atom:title"/></h1>
<p><xsl:value-of select="atom:subtitle"/></p>
<ul class="stories">
<xsl:for-each select="atom:entry">
<li>
<a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
<xsl:if test="atom:link[@rel='enclosure']"><img src="{atom:link[@rel='enclosure'][1]/@href}" alt="{atom:link[@rel='enclosure'][1]/@title}"/></xsl:if>
<div class="meta"><xsl:value-of select="atom:published"/></div>
<p><xsl:value-of select="atom:summary"/></p>
</li>
</xsl:for-each>
</ul>
</xsl:template>
</xsl:stylesheet>
`;
}
