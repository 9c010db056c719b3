<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: the downloads page (the TEI, and the EPUB, CSV tables, citation files
  and deposit bag when the build made them: teikit.build.downloads decides, the $downloads
  parameter says), and the edition's rights and licences as the title page and the
  downloads page state them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- JSON array of {"format", "label", "href"} (teikit.build.downloads.entries); "[]" when
       the stylesheet runs without it: then there is no downloads page. -->
  <xsl:param name="downloads" as="xs:string" select="'[]'"/>
  <xsl:variable name="tk:downloads" as="array(*)" select="parse-json($downloads)"/>

  <xsl:template name="tk:downloads-page">
    <xsl:if test="array:size($tk:downloads) gt 0">
      <xsl:call-template name="tk:write-page">
        <xsl:with-param name="file" select="'downloads.html'"/>
        <xsl:with-param name="title" select="tk:s('downloads')"/>
        <xsl:with-param name="kind" select="'downloads'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match=".[. = 'downloads']" mode="tk:page-content">
    <h1><xsl:value-of select="tk:s('downloads')"/></h1>
    <ul class="downloads">
      <xsl:for-each select="array:flatten($tk:downloads)">
        <li><span class="format"><xsl:value-of select="?format"/></span><xsl:text> </xsl:text>
          <a href="{?href}"><xsl:value-of select="?label"/></a></li>
      </xsl:for-each>
    </ul>
    <xsl:call-template name="tk:availability"/>
  </xsl:template>

  <!--* The edition's rights statements and licences (publicationStmt/availability), each
        licence linked to its URL: what a reader may do with the text and with the edition. -->
  <xsl:template name="tk:availability">
    <xsl:variable name="availability" select="$tk:header/tei:fileDesc/tei:publicationStmt/tei:availability"/>
    <xsl:if test="exists($availability/(tei:p | tei:licence))">
      <section class="availability" aria-labelledby="availability-heading">
        <h2 id="availability-heading"><xsl:value-of select="tk:s('licence')"/></h2>
        <xsl:for-each select="$availability/(tei:p | tei:licence)">
          <p class="{if (self::tei:licence) then 'licence' else 'rights'}">
            <xsl:apply-templates select="." mode="tk:licence"/>
          </p>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
